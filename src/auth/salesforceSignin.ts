import * as oidc from 'openid-client';
import type { SalesforceSignIn } from '../config';
import { timeZoneOrUtc } from '../web/localTime';

/** Who Salesforce says signed in, from the ID token checked and the userinfo endpoint. */
export interface SalesforceIdentity {
  userId: string;
  orgId: string;
  username: string;
  name: string;
  customPermissions: Readonly<Record<string, unknown>>;
  /** The user's zone in Salesforce (Setup → Personal Information), or UTC if unknown. */
  timeZone: string;
}

/** The per-flow secrets the callback checks the answer against. */
export interface FlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SalesforceSignin {
  begin(redirectUri: string): Promise<{ url: URL; checks: FlowChecks }>;
  finish(callbackUrl: URL, checks: FlowChecks): Promise<SalesforceIdentity>;
}

/** Salesforce discovery or its endpoints could not be reached: a 503, not the user's fault. */
export class SalesforceUnavailable extends Error {}

/**
 * Salesforce's answer failed a check (state, nonce, signature, issuer, audience, expiry, a
 * used or unknown code) or said no (the user denied access): the flow must start again.
 */
export class SigninRejected extends Error {}

const SCOPES = 'openid profile email custom_permissions';
const TIMEOUT_SECONDS = 10;

/**
 * The relying party, on openid-client (an OpenID-certified library): it checks the ID token's
 * signature, issuer, audience, expiry and nonce, the state, and sends PKCE. Salesforce's
 * discovery document does not advertise PKCE support; it is sent anyway, as Salesforce honours
 * it. Discovery runs on first use and again after a failure, so an app started while Salesforce
 * was unreachable recovers by itself.
 */
export function salesforceSignin(settings: SalesforceSignIn): SalesforceSignin {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(settings).catch((error: unknown) => {
      discovered = undefined;
      throw new SalesforceUnavailable(`Salesforce discovery failed: ${messageOf(error)}`, {
        cause: error,
      });
    });
    return discovered;
  };

  return {
    async begin(redirectUri) {
      const config = await configuration();
      const checks = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPES,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },

    async finish(callbackUrl, checks) {
      const config = await configuration();
      return exchange(config, callbackUrl, checks).catch((error: unknown) => {
        throw isRejection(error)
          ? new SigninRejected(messageOf(error), { cause: error })
          : new SalesforceUnavailable(`Salesforce did not answer: ${messageOf(error)}`, {
              cause: error,
            });
      });
    },
  };
}

async function exchange(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: FlowChecks,
): Promise<SalesforceIdentity> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new MissingClaim('Salesforce sent no ID token');
  // Salesforce's ID token may leave out the org and the custom permissions; userinfo has
  // them, and must be about the same subject. The access token is used once and dropped.
  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  return identityFrom({ ...claims, ...info });
}

function isRejection(error: unknown): boolean {
  return (
    error instanceof oidc.ClientError ||
    error instanceof oidc.ResponseBodyError ||
    error instanceof oidc.AuthorizationResponseError ||
    error instanceof MissingClaim
  );
}

class MissingClaim extends Error {}

async function discover(settings: SalesforceSignIn): Promise<oidc.Configuration> {
  const server = new URL(settings.loginUrl);
  // Only the login emulator on this machine is plain http (config.ts allows nothing else);
  // the library marks the option deprecated so that such uses stand out, as this one does.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const insecure = server.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  return oidc.discovery(server, settings.clientId, settings.clientSecret, undefined, {
    // openid-client trusts an ID token fetched over TLS without checking its signature, as
    // OpenID Connect allows; checking it against Salesforce's published keys costs one cached
    // key fetch and leaves a tampered or mis-issued token nowhere to go.
    execute: [...insecure, oidc.enableNonRepudiationChecks],
    timeout: TIMEOUT_SECONDS,
  });
}

function identityFrom(claims: Record<string, unknown>): SalesforceIdentity {
  const text = (name: string): string => {
    const value = claims[name];
    if (typeof value !== 'string' || value === '') {
      throw new MissingClaim(`Salesforce's answer has no ${name}`);
    }
    return value;
  };
  const permissions = claims.custom_permissions;
  return {
    userId: text('user_id'),
    orgId: text('organization_id'),
    username: text('preferred_username'),
    name:
      typeof claims.name === 'string' && claims.name !== ''
        ? claims.name
        : text('preferred_username'),
    customPermissions:
      typeof permissions === 'object' && permissions !== null
        ? (permissions as Record<string, unknown>)
        : {},
    // userinfo's `zoneinfo`; a missing or unknown zone is no reason to refuse a sign-in.
    timeZone: timeZoneOrUtc(claims.zoneinfo),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
