import request from 'supertest';
import { createApp } from '../../src/app';
import { SessionCodec, SHARED_USER } from '../../src/auth/session';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { csrfTokenIn, signIn, startTestApp, type TestApp } from '../support/testApp';
import { sessionCookie, sessionCookieHeader } from '../support/sessionCookie';

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Another dyno or a restarted app on the same database, optionally with changed settings. */
  const otherApp = (changes: Partial<Config> = {}) =>
    createApp({ db: t.db, config: { ...t.config, ...changes }, logger: createLogger('silent') });

  const signedInCookie = async () => sessionCookie((await signIn(t.agent())).headers['set-cookie']);

  test('when someone signs in, then the session cookie is HttpOnly, SameSite=Lax, expires with the session and is not Secure outside production', async () => {
    const res = await signIn(t.agent());

    const cookie = sessionCookieHeader(res.headers['set-cookie']);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const maxAge = Number(/; Max-Age=(\d+);/.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(t.config.sessionTtlMs / 1000 - 5);
    expect(maxAge).toBeLessThanOrEqual(t.config.sessionTtlMs / 1000);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/; Secure/);
    expect(cookie).toMatch(/^cc_session=/);
  });

  test('when someone signs in over https in production, then the session cookie is Secure', async () => {
    const app = otherApp({ isProduction: true });
    const https = { 'X-Forwarded-Proto': 'https' };
    const form = await request(app).get('/signin').set(https);

    const res = await request(app)
      .post('/signin')
      .set(https)
      .set('Cookie', sessionCookie(form.headers['set-cookie']))
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), password: t.config.appPassword });

    expect(res.status).toBe(303);
    const cookie = sessionCookieHeader(res.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
    // __Host-: a browser keeps it only as Secure, Path=/ and without Domain, so neither a
    // sibling subdomain nor a plain-http page can plant or shadow it.
    expect(cookie).toMatch(/^__Host-cc_session=/);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).not.toMatch(/; Domain=/i);
  });

  test('when a request over https carries a valid session under the plain name, then it is not read: only the __Host- cookie is', async () => {
    const app = otherApp({ isProduction: true });
    const https = { 'X-Forwarded-Proto': 'https' };
    const valid = (await signedInCookie()).replace(/^cc_session=/, '');

    const planted = await request(app)
      .get('/contacts')
      .set(https)
      .set('Cookie', `cc_session=${valid}`);
    const own = await request(app)
      .get('/contacts')
      .set(https)
      .set('Cookie', `__Host-cc_session=${valid}`);

    expect(planted.status).toBe(303);
    expect(planted.headers.location).toBe('/signin?next=%2Fcontacts');
    expect(own.status).toBe(200);
  });

  test('when a signed session has passed its expiry, then the app asks to sign in again', async () => {
    const codec = new SessionCodec({
      sessionSecret: t.config.sessionSecret,
      appPassword: t.config.appPassword,
      ttlMs: t.config.sessionTtlMs,
    });
    const cookieFor = (createdAt: number) =>
      `cc_session=${codec.encode(codec.create(SHARED_USER, createdAt))}`;

    const current = await request(t.app).get('/contacts').set('Cookie', cookieFor(Date.now()));
    const expired = await request(t.app)
      .get('/contacts')
      .set('Cookie', cookieFor(Date.now() - t.config.sessionTtlMs - 1000));

    expect(current.status).toBe(200);
    expect(expired.status).toBe(303);
    expect(expired.headers.location).toBe('/signin?next=%2Fcontacts');
  });

  test('when someone signs out, then a copy of their old cookie no longer opens any page, here or on another dyno', async () => {
    const agent = t.agent();
    const signedIn = await signIn(agent);
    const stolen = sessionCookie(signedIn.headers['set-cookie']);
    const list = await agent.get('/contacts');
    expect(list.status).toBe(200);

    const signedOut = await agent
      .post('/signout')
      .type('form')
      .send({ _csrf: csrfTokenIn(list.text) });

    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/signin');
    const here = await request(t.app).get('/contacts').set('Cookie', stolen);
    expect(here.status).toBe(303);
    expect(here.headers.location).toMatch(/^\/signin/);
    const elsewhere = await request(otherApp()).get('/contacts').set('Cookie', stolen);
    expect(elsewhere.status).toBe(303);
    const edit = await request(t.app)
      .post('/contacts/003ANY0000000000AAA')
      .set('Cookie', stolen)
      .type('form')
      .send({ _csrf: csrfTokenIn(list.text), lastname: 'Changed' });
    expect(edit.status).toBe(401);
    const revoked = await t.db.query(
      'SELECT expires_at > now() AS kept FROM contact_card.revoked_sessions WHERE sid = $1',
      [sidOf(stolen)],
    );
    expect(revoked.rows).toEqual([{ kept: true }]);
  });

  test('when another session signs out, then this session keeps working', async () => {
    const mine = await signedInCookie();
    const agent = t.agent();
    await signIn(agent);
    const theirs = await agent.get('/contacts');
    await agent
      .post('/signout')
      .type('form')
      .send({ _csrf: csrfTokenIn(theirs.text) });

    const res = await request(t.app).get('/contacts').set('Cookie', mine);

    expect(res.status).toBe(200);
  });

  test('when APP_PASSWORD changes, then every existing session is signed out', async () => {
    const cookie = await signedInCookie();

    const res = await request(otherApp({ appPassword: 'a brand new password' }))
      .get('/contacts')
      .set('Cookie', cookie);

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
    expect((await request(otherApp()).get('/contacts').set('Cookie', cookie)).status).toBe(200);
  });

  test('when SESSION_SECRET changes, then every existing session is signed out', async () => {
    const cookie = await signedInCookie();

    const res = await request(
      otherApp({ sessionSecret: 'another-secret-of-at-least-32-characters' }),
    )
      .get('/contacts')
      .set('Cookie', cookie);

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });

  test('when a session cookie is tampered with, then it is ignored', async () => {
    const cookie = await signedInCookie();
    const signature = cookie.split('.')[1] ?? '';
    const forged = Buffer.from(
      JSON.stringify({ sid: 'forged', signedIn: true, expiresAt: Date.now() + 60_000 }),
    ).toString('base64url');

    const res = await request(t.app)
      .get('/contacts')
      .set('Cookie', `cc_session=${forged}.${signature}`);

    expect(res.status).toBe(303);
  });
});

function sidOf(cookie: string): string {
  const payload = cookie.slice('cc_session='.length).split('.')[0] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sid: string }).sid;
}
