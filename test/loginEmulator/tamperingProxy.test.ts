import * as client from 'openid-client';
import {
  startTamperableLoginEmulator,
  type TamperableLoginEmulator,
} from '../support/loginEmulator';
import { discover, REDIRECT_URI, signInAs } from './relyingParty';

let emulator: TamperableLoginEmulator;

beforeAll(async () => {
  emulator = await startTamperableLoginEmulator([REDIRECT_URI]);
});

afterEach(() => emulator.setTamper(null));

afterAll(() => emulator.close());

/** openid-client checks the token endpoint's ID token signature only when asked to. */
async function signatureCheckingConfig(): Promise<client.Configuration> {
  const config = await discover(emulator.issuer);
  client.enableNonRepudiationChecks(config);
  return config;
}

/** The reason openid-client gives, one level down from its generic message. */
async function refusalOf(exchange: Promise<unknown>): Promise<string> {
  const error = await exchange.then(
    () => {
      throw new Error('the code exchange succeeded');
    },
    (reason: unknown) => reason,
  );
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? cause.message : String(error);
}

describe('the tampering proxy in front of the login emulator', () => {
  test('when nothing is tampered with, then the sign-in succeeds through the proxy', async () => {
    const config = await signatureCheckingConfig();
    const { callbackUrl, checks } = await signInAs(config, 'editor');

    const tokens = await client.authorizationCodeGrant(config, callbackUrl, checks);

    expect(tokens.claims()).toMatchObject({ iss: emulator.issuer, name: 'Eddie Editor' });
  });

  test('when the nonce is changed and re-signed with the provider’s key, then the client refuses it', async () => {
    const config = await signatureCheckingConfig();
    emulator.setTamper((claims) => ({ claims: { ...claims, nonce: 'x' }, signWith: 'provider' }));
    const { callbackUrl, checks } = await signInAs(config, 'editor');

    const exchange = client.authorizationCodeGrant(config, callbackUrl, checks);

    expect(await refusalOf(exchange)).toBe('unexpected ID Token "nonce" claim value');
  });

  test('when the token is signed with another key, then a client checking signatures refuses it', async () => {
    const config = await signatureCheckingConfig();
    emulator.setTamper((claims) => ({ claims, signWith: 'other' }));
    const { callbackUrl, checks } = await signInAs(config, 'editor');

    const exchange = client.authorizationCodeGrant(config, callbackUrl, checks);

    expect(await refusalOf(exchange)).toBe('JWT signature verification failed');
  });

  test('when the token is signed with another key, then a client not checking signatures takes it', async () => {
    // Pins openid-client's default (OpenID Connect allows it over TLS): the app must enable
    // non-repudiation checks if it wants forged signatures refused.
    const config = await discover(emulator.issuer);
    emulator.setTamper((claims) => ({ claims, signWith: 'other' }));
    const { callbackUrl, checks } = await signInAs(config, 'editor');

    const tokens = await client.authorizationCodeGrant(config, callbackUrl, checks);

    expect(tokens.claims()).toMatchObject({ name: 'Eddie Editor' });
  });
});
