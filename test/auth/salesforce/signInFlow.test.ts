import { decodeJwt } from 'jose';
import request from 'supertest';
import { EMULATOR_ORG_ID, OTHER_ORG_ID } from '../../../src/loginEmulator/sampleUsers';
import { startSalesforceTestApp, type SalesforceTestApp } from '../../support/salesforceTestApp';
import { SessionCodec } from '../../../src/auth/session';
import { httpUser, VIA_HTTPS } from '../../support/httpUser';
import { chooseSampleUser } from '../../support/loginEmulator';
import { sessionCookie, sessionCookieValue } from '../../support/sessionCookie';
import { TEST_PASSWORD } from '../../support/testApp';

interface Entry {
  action: string;
  user_id: string;
  username: string;
  user_name: string;
  detail: string | null;
}

async function entriesOf(t: SalesforceTestApp, userId: string): Promise<Entry[]> {
  const result = await t.db.query<Entry>(
    `SELECT action, user_id, username, user_name, detail FROM contact_card.audit_entries
      WHERE user_id = $1 ORDER BY id`,
    [userId],
  );
  return result.rows;
}

/** The session a Set-Cookie carries, read as the app wrote it (its signature is not checked). */
function sessionIn(setCookie: string[] | string | undefined): { sid: string; user: unknown } {
  const [payload = ''] = sessionCookieValue(setCookie).split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sid: string; user: unknown };
}

describe('signing in with Salesforce', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp();
  });
  afterAll(() => t.close());

  test('when Salesforce is configured, then the sign-in page offers it beside the development password', async () => {
    const page = await t.browser().get('/signin?next=%2Fcontacts%3Fq%3Dx');

    expect(page.text).toContain('href="/auth/salesforce?next=%2Fcontacts%3Fq%3Dx"');
    expect(page.text).toContain('Sign in with Salesforce');
    expect(page.text).toContain('name="password"');
  });

  test('when it starts, then Salesforce is asked for a code with PKCE (S256), state, nonce and the app’s scopes', async () => {
    const location = new URL(await t.startSignIn(t.browser()));

    expect(location.origin).toBe(t.emulator.issuer);
    expect(location.pathname).toBe('/services/oauth2/authorize');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid profile email custom_permissions',
      redirect_uri: `${t.baseUrl}/auth/salesforce/callback`,
    });
    for (const name of ['code_challenge', 'state', 'nonce']) {
      expect(location.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    }
  });

  test.each([
    ['another host', { Host: 'evil.example' }],
    [
      'a forwarded host and scheme',
      { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    ],
  ])(
    'when the request names %s, then the callback address is still the configured one',
    async (_case, headers) => {
      const res = await t.browser().get('/auth/salesforce?next=%2Fcontacts').set(headers);

      expect(res.status).toBe(303);
      const location = new URL(String(res.headers.location));
      expect(location.searchParams.get('redirect_uri')).toBe(
        `${t.baseUrl}/auth/salesforce/callback`,
      );
      expect(res.headers.location).not.toContain('evil.example');
    },
  );

  test.each([
    ['admin', 'Ada Admin', 'admin'],
    ['editor', 'Eddie Editor', 'editor'],
    ['viewer', 'Vera Viewer', 'viewer'],
    ['nobody', 'Nora Nobody', 'viewer'],
  ])(
    'when %s signs in, then the page names %s as %s and the sign-in is recorded',
    async (key, name, role) => {
      const browser = t.browser();
      const signedIn = await t.signInAs(browser, key, '/contacts?sort=name');
      const page = await browser.get('/contacts');

      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe('/contacts?sort=name');
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Signed in as <bdi>${name}</bdi> (${role})`);
      const { user } = sessionIn(signedIn.headers['set-cookie']);
      expect(user).toMatchObject({ name, role, orgId: EMULATOR_ORG_ID });
      const entries = await entriesOf(t, (user as { id: string }).id);
      expect(entries.filter((entry) => entry.action === 'sign_in')).toHaveLength(1);
    },
  );

  test('when the session holds the user, then it holds who they are and no token from Salesforce', async () => {
    const signedIn = await t.signInAs(t.browser(), 'editor');
    const cookie = sessionCookie(signedIn.headers['set-cookie']);

    expect(sessionIn(signedIn.headers['set-cookie']).user).toEqual({
      id: '005000000000002AAA',
      orgId: EMULATOR_ORG_ID,
      username: 'eddie.editor@contactcard.example',
      name: 'Eddie Editor',
      role: 'editor',
      timeZone: 'Europe/Paris',
    });
    // No JWT and no access token: nothing in the cookie decodes as one.
    const payload = Buffer.from(cookie.split('=')[1]?.split('.')[0] ?? '', 'base64url').toString();
    expect(payload).not.toMatch(/eyJ|access_token|id_token/);
    expect(() => decodeJwt(payload)).toThrow();
  });

  test('when sign-in completes, then the session id is a new one', async () => {
    const browser = t.browser();
    const before = sessionIn((await browser.get('/signin')).headers['set-cookie']);
    const after = sessionIn((await t.signInAs(browser, 'viewer')).headers['set-cookie']);

    expect(before.user).toBeNull();
    expect(after.sid).not.toBe(before.sid);
  });

  test('when a user of another org signs in, then a 403 page names their org and the refusal is recorded', async () => {
    const browser = t.browser();
    const refused = await t.signInAs(browser, 'other-org');
    const after = await browser.get('/contacts');

    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Wrong Salesforce org');
    expect(refused.text).toContain(OTHER_ORG_ID);
    expect(refused.text).toContain('otto.other@elsewhere.example');
    expect(after.status).toBe(303);
    expect(await entriesOf(t, '005000000000005AAA')).toEqual([
      expect.objectContaining({ action: 'refused', user_name: 'Otto Other' }),
    ]);
  });

  test('when next points off the site, then sign-in lands on the contacts instead', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const signedIn = await t.signInAs(t.browser(), 'viewer', next);

      expect(signedIn.headers.location).toBe('/contacts');
    }
  });
});

describe('signing in with Salesforce when DEFAULT_ROLE is none', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp({ env: { DEFAULT_ROLE: 'none' } });
  });
  afterAll(() => t.close());

  test('when a user without a Contact Card permission signs in, then a 403 page says what to ask for, and the refusal is recorded', async () => {
    const browser = t.browser();
    const refused = await t.signInAs(browser, 'nobody');

    expect(refused.status).toBe(403);
    expect(refused.text).toContain('No access to Contact Card');
    expect(refused.text).toContain('Contact_Card_Editor');
    expect((await browser.get('/contacts')).status).toBe(303);
    expect(await entriesOf(t, '005000000000004AAA')).toEqual([
      expect.objectContaining({
        action: 'refused',
        detail: expect.stringContaining('permission') as unknown,
      }),
    ]);
  });

  test('when a user with the viewer permission signs in, then they get in read-only', async () => {
    const browser = t.browser();
    await t.signInAs(browser, 'viewer');

    expect((await browser.get('/contacts')).text).toContain('(viewer)');
  });
});

describe('Sign in with Salesforce in production', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  test('when Salesforce is configured in production, then the page has no password form and a password post is refused', async () => {
    const page = await request(t.app).get('/signin').set(VIA_HTTPS);
    const cookie = sessionCookie(page.headers['set-cookie']);
    // The page has no form to read a token from; the token is the session's, as any form's.
    const codec = new SessionCodec({
      sessionSecret: t.config.sessionSecret,
      appPassword: t.config.appPassword,
      ttlMs: t.config.sessionTtlMs,
    });
    const session = codec.decode(sessionCookieValue(page.headers['set-cookie']));
    if (!session) throw new Error('the sign-in page set no session');
    const post = await request(t.app)
      .post('/signin')
      .set(VIA_HTTPS)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: codec.csrfToken(session), password: TEST_PASSWORD, next: '/contacts' });

    expect(page.text).toContain('Sign in with Salesforce');
    expect(page.text).not.toContain('name="password"');
    expect(post.status).toBe(403);
    expect(post.text).toContain('Password sign-in is off');
    expect(post.headers['set-cookie']).toBeUndefined();
  });

  test('when DEFAULT_ROLE is unset and a user without a Contact Card permission signs in, then a 403 page says what to ask for and nobody is signed in', async () => {
    // A browser behind Heroku's router: every request arrives over https.
    const browser = httpUser(t.baseUrl);
    const started = await browser.get('/auth/salesforce?next=%2Fcontacts');
    const callback = new URL(await chooseSampleUser(started.headers.location ?? '', 'nobody'));

    const refused = await browser.get(`${callback.pathname}${callback.search}`);

    expect(t.config.defaultRole).toBe('none');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('No access to Contact Card');
    expect(refused.text).toContain('Contact_Card_Viewer');
    expect((await browser.get('/contacts')).status).toBe(303);
  });

  test('when sign-in starts over https, then its flow cookie is a __Host- cookie: Secure, Path=/, no Domain', async () => {
    const started = await request(t.app).get('/auth/salesforce?next=%2Fcontacts').set(VIA_HTTPS);

    const flow = (started.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.includes('cc_signin='),
    );
    expect(started.status).toBe(303);
    expect(flow).toMatch(/^__Host-cc_signin=/);
    expect(flow).toMatch(/; Secure/);
    expect(flow).toMatch(/; Path=\/;/);
    expect(flow).not.toMatch(/; Domain=/i);
  });
});
