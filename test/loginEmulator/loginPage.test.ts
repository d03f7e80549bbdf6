import * as client from 'openid-client';
import { SAMPLE_SALESFORCE_USERS } from '../../src/loginEmulator/sampleUsers';
import type { LoginEmulator } from '../../src/loginEmulator/startLoginEmulator';
import { startTestLoginEmulator } from '../support/loginEmulator';
import { discover, REDIRECT_URI, SCOPE } from './relyingParty';

let emulator: LoginEmulator;
let config: client.Configuration;

beforeAll(async () => {
  emulator = await startTestLoginEmulator([REDIRECT_URI]);
  config = await discover(emulator.issuer);
});

afterAll(() => emulator.close());

/** Starts a sign-in and stops where the provider sends the browser to the login page. */
async function openLoginPage() {
  const verifier = client.randomPKCECodeVerifier();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: client.randomState(),
  });
  const start = await fetch(authorizationUrl, { redirect: 'manual' });
  const pageUrl = new URL(start.headers.get('location') ?? '', authorizationUrl);
  const cookie = start.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const page = await fetch(pageUrl, { headers: { cookie } });
  return { pageUrl, cookie, page, html: await page.text() };
}

describe('the login emulator’s login page', () => {
  test('when a sign-in starts, then the page offers every sample user as a button', async () => {
    const { page, html, pageUrl } = await openLoginPage();

    expect(page.status).toBe(200);
    expect(html).toContain('<title>Salesforce login emulator</title>');
    expect(html).toContain(`<form method="post" action="${pageUrl.pathname}">`);
    for (const user of SAMPLE_SALESFORCE_USERS) {
      expect(html).toContain(
        `<button type="submit" name="user" value="${user.key}">${user.name} — ${user.key}</button>`,
      );
    }
  });

  test('when the page is served, then it runs no script and a CSP says nothing may load', async () => {
    const { page, html } = await openLoginPage();

    expect(html).not.toMatch(/<script|\son\w+=/i);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  test('when an unknown user is posted, then the page refuses it and signs nobody in', async () => {
    const { pageUrl, cookie } = await openLoginPage();

    const reply = await fetch(pageUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: '<script>alert(1)</script>' }),
    });

    expect(reply.status).toBe(400);
    expect(reply.headers.has('location')).toBe(false);
    expect(await reply.text()).not.toContain('<script>');
  });

  test('when the page is opened without the sign-in’s cookie, then it says to start again', async () => {
    const { pageUrl } = await openLoginPage();

    const reply = await fetch(pageUrl);

    expect(reply.status).toBe(400);
    expect(await reply.text()).toContain('Start it again from the app');
  });
});
