import * as client from 'openid-client';
import { chooseSampleUser, TEST_CLIENT_ID, TEST_CLIENT_SECRET } from '../support/loginEmulator';

/** Registered with the emulator but never requested: the flow stops at the redirect to it. */
export const REDIRECT_URI = 'http://127.0.0.1:9/auth/callback';
export const SCOPE = 'openid profile email custom_permissions';

/** openid-client configured as the app will be: discovery from the issuer, plain http allowed. */
export function discover(issuer: string, auth?: client.ClientAuth): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), TEST_CLIENT_ID, TEST_CLIENT_SECRET, auth, {
    // The emulator speaks plain http on loopback; openid-client marks this deprecated to stand out.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    execute: [client.allowInsecureRequests],
  });
}

export interface SignedInCallback {
  callbackUrl: URL;
  checks: { pkceCodeVerifier: string; expectedState: string; expectedNonce: string };
}

/** Starts a code flow with PKCE, state and nonce, and signs in as `userKey` at the emulator. */
export async function signInAs(
  config: client.Configuration,
  userKey: string,
  cookies?: Map<string, string>,
): Promise<SignedInCallback> {
  const pkceCodeVerifier = client.randomPKCECodeVerifier();
  const expectedState = client.randomState();
  const expectedNonce = client.randomNonce();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: expectedState,
    nonce: expectedNonce,
  });
  const callbackUrl = await chooseSampleUser(authorizationUrl.href, userKey, cookies);
  return {
    callbackUrl: new URL(callbackUrl),
    checks: { pkceCodeVerifier, expectedState, expectedNonce },
  };
}
