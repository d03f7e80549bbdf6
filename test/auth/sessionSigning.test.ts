import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { SessionCodec, SHARED_USER } from '../../src/auth/session';
import { createLogger } from '../../src/logger';
import { signIn, startTestApp, type TestApp } from '../support/testApp';
import { sessionCookie } from '../support/sessionCookie';

describe('session cookies from elsewhere', () => {
  let app: TestApp;
  let otherPassword: TestApp;
  let otherSecret: Express;
  beforeAll(async () => {
    [app, otherPassword] = await Promise.all([
      startTestApp(),
      startTestApp({ env: { APP_PASSWORD: 'a different password' } }),
    ]);
    // Same password, another secret: a second deployment, sharing a database to save a clone.
    const config = {
      ...app.config,
      sessionSecret: 'another-secret-that-is-also-32-characters-long',
    };
    otherSecret = createApp({ db: otherPassword.db, config, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await Promise.all([app.close(), otherPassword.close()]);
  });

  async function signedInCookie(target: Express, password?: string): Promise<string> {
    const res = await signIn(request.agent(target), password);
    expect(res.status).toBe(303);
    return sessionCookie(res.headers['set-cookie']);
  }

  test('when a cookie is signed in on this app, then another request with it is signed in', async () => {
    const cookie = await signedInCookie(app.app);

    const res = await request(app.app).get('/contacts').set('Cookie', cookie);

    expect(res.status).toBe(200);
  });

  test('when a cookie was signed by an app with another APP_PASSWORD, then it is not accepted', async () => {
    const cookie = await signedInCookie(otherPassword.app, 'a different password');
    const there = await request(otherPassword.app).get('/contacts').set('Cookie', cookie);

    const here = await request(app.app).get('/contacts').set('Cookie', cookie);

    expect(there.status).toBe(200);
    expect(here.status).toBe(303);
    expect(here.headers.location).toMatch(/^\/signin/);
  });

  test('when a cookie was signed with another SESSION_SECRET, then it is not accepted', async () => {
    const cookie = await signedInCookie(otherSecret);
    const there = await request(otherSecret).get('/contacts').set('Cookie', cookie);

    const res = await request(app.app).get('/contacts').set('Cookie', cookie);

    expect(there.status).toBe(200);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });

  test('when a signed-out cookie is edited to say signed in, then it is not accepted', async () => {
    const fresh = await request(app.app).get('/signin');
    const [payload = '', signature = ''] = sessionCookie(fresh.headers['set-cookie'])
      .replace('cc_session=', '')
      .split('.');
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...session, user: SHARED_USER })).toString(
      'base64url',
    );

    const res = await request(app.app)
      .get('/contacts')
      .set('Cookie', `cc_session=${forged}.${signature}`);

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });

  test('when a correctly signed cookie holds a session id the app never makes, then it is signed out, not an error', async () => {
    const codec = new SessionCodec({
      sessionSecret: app.config.sessionSecret,
      appPassword: app.config.appPassword,
      ttlMs: app.config.sessionTtlMs,
    });
    // NUL is what Postgres text cannot hold: it failed the revocation query with a 500.
    const session = { ...codec.create(SHARED_USER), sid: 'a\0b' };

    const res = await request(app.app)
      .get('/contacts')
      .set('Cookie', `cc_session=${codec.encode(session)}`);

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });
});
