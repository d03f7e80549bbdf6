import { decodeProtectedHeader } from 'jose';
import * as client from 'openid-client';
import {
  EMULATOR_ORG_ID,
  OTHER_ORG_ID,
  sampleUserByKey,
} from '../../src/loginEmulator/sampleUsers';
import type { LoginEmulator } from '../../src/loginEmulator/startLoginEmulator';
import { chooseSampleUser, startTestLoginEmulator, TEST_CLIENT_ID } from '../support/loginEmulator';
import { discover, REDIRECT_URI, SCOPE, signInAs } from './relyingParty';

let emulator: LoginEmulator;
let config: client.Configuration;

beforeAll(async () => {
  emulator = await startTestLoginEmulator([REDIRECT_URI]);
  config = await discover(emulator.issuer);
});

afterAll(() => emulator.close());

describe('a sign-in through the login emulator', () => {
  test('when Eddie Editor signs in, then the RS256 ID token carries his Salesforce claims', async () => {
    const { callbackUrl, checks } = await signInAs(config, 'editor');

    const tokens = await client.authorizationCodeGrant(config, callbackUrl, checks);

    expect(decodeProtectedHeader(tokens.id_token ?? '').alg).toBe('RS256');
    expect(tokens.claims()).toMatchObject({
      iss: emulator.issuer,
      aud: TEST_CLIENT_ID,
      nonce: checks.expectedNonce,
      sub: `https://login.salesforce.com/id/${EMULATOR_ORG_ID}/005000000000002AAA`,
      user_id: '005000000000002AAA',
      organization_id: EMULATOR_ORG_ID,
      preferred_username: 'eddie.editor@contactcard.example',
      name: 'Eddie Editor',
      email: 'eddie.editor@contactcard.example',
      custom_permissions: {
        Contact_Card_Viewer: false,
        Contact_Card_Editor: true,
        Contact_Card_Admin: false,
      },
    });
  });

  test('when Otto Other signs in, then his claims name the other org and his permission', async () => {
    const { callbackUrl, checks } = await signInAs(config, 'other-org');

    const tokens = await client.authorizationCodeGrant(config, callbackUrl, checks);

    expect(tokens.claims()).toMatchObject({
      user_id: sampleUserByKey('other-org')?.userId,
      organization_id: OTHER_ORG_ID,
      name: 'Otto Other',
      custom_permissions: {
        Contact_Card_Viewer: false,
        Contact_Card_Editor: false,
        Contact_Card_Admin: true,
      },
    });
  });

  test('when the access token is used at userinfo, then it answers the same claims, with her zone and locale as Salesforce sends them', async () => {
    const { callbackUrl, checks } = await signInAs(config, 'admin');
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, checks);
    const sub = tokens.claims()?.sub ?? '';

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, sub);

    expect(userinfo).toMatchObject({
      sub,
      user_id: '005000000000001AAA',
      organization_id: EMULATOR_ORG_ID,
      preferred_username: 'ada.admin@contactcard.example',
      name: 'Ada Admin',
      email: 'ada.admin@contactcard.example',
      zoneinfo: 'Asia/Tokyo',
      locale: 'ja_JP',
      custom_permissions: {
        Contact_Card_Viewer: false,
        Contact_Card_Editor: true,
        Contact_Card_Admin: true,
      },
    });
  });

  test('when the client authenticates with a Basic header, then the code is exchanged too', async () => {
    const basicConfig = await discover(emulator.issuer, client.ClientSecretBasic(undefined));
    const { callbackUrl, checks } = await signInAs(basicConfig, 'viewer');

    const tokens = await client.authorizationCodeGrant(basicConfig, callbackUrl, checks);

    expect(tokens.claims()).toMatchObject({ name: 'Vera Viewer' });
  });

  test('when one browser signs in twice as different users, then each sign-in gets its user', async () => {
    const browserCookies = new Map<string, string>();
    const first = await signInAs(config, 'editor', browserCookies);
    await client.authorizationCodeGrant(config, first.callbackUrl, first.checks);

    const second = await signInAs(config, 'nobody', browserCookies);
    const tokens = await client.authorizationCodeGrant(config, second.callbackUrl, second.checks);

    expect(tokens.claims()).toMatchObject({ name: 'Nora Nobody' });
  });

  test('when an authorization code is used a second time, then the token endpoint refuses it', async () => {
    const { callbackUrl, checks } = await signInAs(config, 'editor');
    await client.authorizationCodeGrant(config, callbackUrl, checks);

    const replay = client.authorizationCodeGrant(config, callbackUrl, checks);

    await expect(replay).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('when the code verifier does not match the challenge, then the token endpoint refuses it', async () => {
    const { callbackUrl, checks } = await signInAs(config, 'editor');

    const exchange = client.authorizationCodeGrant(config, callbackUrl, {
      ...checks,
      pkceCodeVerifier: client.randomPKCECodeVerifier(),
    });

    await expect(exchange).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('when the authorization request has no PKCE challenge, then the provider refuses it', async () => {
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      state: client.randomState(),
      nonce: client.randomNonce(),
    });

    const callback = new URL(await chooseSampleUser(authorizationUrl.href, 'editor'));

    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(callback.searchParams.has('code')).toBe(false);
  });
});
