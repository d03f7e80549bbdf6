import { CookieAccessInfo } from 'cookiejar';
import type TestAgent from 'supertest/lib/agent';
import { chooseSampleUser, type Tamper } from '../../support/loginEmulator';
import { startSalesforceTestApp, type SalesforceTestApp } from '../../support/salesforceTestApp';
import { sessionCookie } from '../../support/sessionCookie';

/** Whether the browser's session is signed in: the contacts answer instead of sending it away. */
async function isSignedIn(browser: TestAgent): Promise<boolean> {
  const res = await browser.get('/contacts');
  return res.status === 200;
}

describe('attacks on Sign in with Salesforce', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp();
  });
  afterEach(() => {
    t.emulator.setTamper(null);
  });
  afterAll(() => t.close());

  test('when the callback’s state is changed, then it is refused and nobody is signed in', async () => {
    const browser = t.browser();
    const callback = new URL(await chooseSampleUser(await t.startSignIn(browser), 'admin'));
    callback.searchParams.set('state', 'forged-state-forged-state-forged-state-1234');

    const res = await t.finishSignIn(browser, callback.href);

    expect(res.status).toBe(400);
    expect(res.text).toContain('Sign in again');
    expect(await isSignedIn(browser)).toBe(false);
  });

  test('when the callback has no state, then it is refused', async () => {
    const browser = t.browser();
    const callback = new URL(await chooseSampleUser(await t.startSignIn(browser), 'admin'));
    callback.searchParams.delete('state');

    expect((await t.finishSignIn(browser, callback.href)).status).toBe(400);
    expect(await isSignedIn(browser)).toBe(false);
  });

  test('when a callback reaches a browser that did not start the sign-in (login CSRF), then it is refused', async () => {
    const attacker = t.browser();
    const victim = t.browser();
    await victim.get('/signin');
    const callback = await chooseSampleUser(await t.startSignIn(attacker), 'admin');

    const res = await t.finishSignIn(victim, callback);

    expect(res.status).toBe(400);
    expect(await isSignedIn(victim)).toBe(false);
  });

  test('when an attacker plants their own sign-in cookie and callback in another browser (cookie tossing), then it is refused', async () => {
    const attacker = t.browser();
    const callback = await chooseSampleUser(await t.startSignIn(attacker), 'admin');
    const flow = attacker.jar.getCookie('cc_signin', CookieAccessInfo.All);
    const victim = t.browser();
    await victim.get('/signin');
    victim.jar.setCookie(`cc_signin=${flow?.value ?? ''}; Path=/`);

    const res = await t.finishSignIn(victim, callback);

    expect(flow).toBeDefined();
    expect(res.status).toBe(400);
    expect(await isSignedIn(victim)).toBe(false);
  });

  test('when an authorization code is replayed with the cookies it was first sent with, then Salesforce refuses it and nobody is signed in', async () => {
    const browser = t.browser();
    const callback = await chooseSampleUser(await t.startSignIn(browser), 'admin');
    // Everything the browser held at the moment of the callback, copied.
    const copied = browser.jar.getCookies(CookieAccessInfo.All);
    const first = await t.finishSignIn(browser, callback);
    const thief = t.browser();
    for (const cookie of copied) thief.jar.setCookie(`${cookie.name}=${cookie.value}; Path=/`);

    const replayed = await t.finishSignIn(thief, callback);

    expect(first.status).toBe(303);
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('Sign-in failed');
    expect(await isSignedIn(thief)).toBe(false);
  });

  const tamperings: [string, Tamper][] = [
    [
      'a wrong nonce',
      (claims) => ({ claims: { ...claims, nonce: 'not-the-nonce' }, signWith: 'provider' }),
    ],
    [
      'a wrong issuer',
      (claims) => ({
        claims: { ...claims, iss: 'https://login.salesforce.com' },
        signWith: 'provider',
      }),
    ],
    [
      'a wrong audience',
      (claims) => ({ claims: { ...claims, aud: 'another-client' }, signWith: 'provider' }),
    ],
    ['a signature from another key', (claims) => ({ claims, signWith: 'other' })],
    [
      'an expiry in the past',
      (claims) => {
        const now = Math.floor(Date.now() / 1000);
        return { claims: { ...claims, iat: now - 7200, exp: now - 3600 }, signWith: 'provider' };
      },
    ],
  ];

  test.each(tamperings)(
    'when the ID token has %s, then the sign-in fails and nobody is signed in',
    async (_what, tamper) => {
      t.emulator.setTamper(tamper);
      const browser = t.browser();

      const res = await t.signInAs(browser, 'admin');

      expect(res.status).toBe(400);
      expect(res.text).toContain('Sign-in failed');
      expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/cc_session=/);
      expect(await isSignedIn(browser)).toBe(false);
    },
  );

  test('when the ID token is passed through untouched by the same proxy, then sign-in works (the tampering is what fails)', async () => {
    t.emulator.setTamper((claims) => ({ claims, signWith: 'provider' }));
    const browser = t.browser();

    expect((await t.signInAs(browser, 'admin')).status).toBe(303);
    expect(await isSignedIn(browser)).toBe(true);
  });

  test('when a signed-out session cookie is replayed, then it is signed out', async () => {
    const browser = t.browser();
    const signedIn = await t.signInAs(browser, 'editor');
    const kept = sessionCookie(signedIn.headers['set-cookie']);
    const page = await browser.get('/contacts');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    await browser.post('/signout').type('form').send({ _csrf: csrf });

    const replay = t.browser();
    replay.jar.setCookie(`${kept}; Path=/`);

    expect(await isSignedIn(replay)).toBe(false);
  });
});
