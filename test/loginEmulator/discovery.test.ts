import type { LoginEmulator } from '../../src/loginEmulator/startLoginEmulator';
import { startTestLoginEmulator } from '../support/loginEmulator';
import { REDIRECT_URI } from './relyingParty';

let emulator: LoginEmulator;

beforeAll(async () => {
  emulator = await startTestLoginEmulator([REDIRECT_URI]);
});

afterAll(() => emulator.close());

describe('the login emulator’s discovery document', () => {
  test('when it is fetched, then it names Salesforce’s endpoints, scopes and RS256', async () => {
    const response = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(emulator.issuer).toBe(emulator.url);
    expect(document).toMatchObject({
      issuer: emulator.issuer,
      authorization_endpoint: `${emulator.issuer}/services/oauth2/authorize`,
      token_endpoint: `${emulator.issuer}/services/oauth2/token`,
      userinfo_endpoint: `${emulator.issuer}/services/oauth2/userinfo`,
      revocation_endpoint: `${emulator.issuer}/services/oauth2/revoke`,
      jwks_uri: `${emulator.issuer}/id/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code'],
    });
    expect(document.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'custom_permissions']),
    );
    expect(document.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
  });

  test('when it is fetched, then it advertises no logout endpoint and no PKCE methods', async () => {
    const response = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;

    expect(document).not.toHaveProperty('end_session_endpoint');
    expect(document).not.toHaveProperty('code_challenge_methods_supported');
  });

  test('when the key set is fetched, then it holds one public RS256 key and no private part', async () => {
    const response = await fetch(`${emulator.issuer}/id/keys`);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };

    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});
