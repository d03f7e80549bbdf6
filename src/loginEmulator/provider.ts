import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Configuration, ErrorOut } from 'oidc-provider';
import { chooseUserEveryTime } from './chooseUserEveryTime';
import { discoveryLikeSalesforce } from './discoveryLikeSalesforce';
import { memoryAdapterFactory } from './memoryAdapter';
import { errorPage } from './pages';
import { CLAIMS_BY_SCOPE, claimsOf, SCOPES } from './salesforceClaims';
import { INTERACTION_PATH, SALESFORCE_PATHS } from './salesforcePaths';
import { sampleUserBySubject } from './sampleUsers';
import type { SigningJwks } from './signingKey';

export interface EmulatedClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface ProviderOptions {
  issuer: string;
  clients: EmulatedClient[];
  jwks: SigningJwks;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * An OpenID provider shaped like Salesforce's: its endpoint paths, RS256, its scopes and claims,
 * client secrets by POST body or Basic header, PKCE required and no logout endpoint.
 */
export async function createProvider(options: ProviderOptions): Promise<Provider> {
  // Loaded here only, so nothing outside development code ever loads oidc-provider.
  const { default: OidcProvider } = await import('oidc-provider');
  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: options.jwks,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: {
      authorization: SALESFORCE_PATHS.authorization,
      token: SALESFORCE_PATHS.token,
      userinfo: SALESFORCE_PATHS.userinfo,
      jwks: SALESFORCE_PATHS.jwks,
      revocation: SALESFORCE_PATHS.revocation,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      // Salesforce offers none of these; a client must not come to depend on them here.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
    },
    responseTypes: ['code'],
    scopes: SCOPES,
    claims: CLAIMS_BY_SCOPE,
    // Salesforce's ID token carries the profile claims too, and the app reads them from there.
    conformIdTokenClaims: false,
    // Either is accepted whatever a client registered; Salesforce takes both.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    pkce: { required: () => true },
    ttl: {
      AccessToken: HOUR,
      AuthorizationCode: MINUTE,
      IdToken: HOUR,
      Interaction: 10 * MINUTE,
      Session: HOUR,
      Grant: HOUR,
    },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    findAccount(_ctx, sub) {
      const user = sampleUserBySubject(sub);
      if (!user) return Promise.resolve(undefined);
      return Promise.resolve({ accountId: sub, claims: () => Promise.resolve(claimsOf(user)) });
    },
    // Consent is implied, as for an admin-approved Salesforce app: grant what was asked.
    async loadExistingGrant(ctx) {
      const { accountId } = ctx.oidc.session;
      if (!accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      await grant.save();
      return grant;
    },
    renderError(ctx, out: ErrorOut) {
      ctx.type = 'html';
      ctx.body = errorPage(`${out.error}: ${out.error_description ?? 'no description'}`);
      return Promise.resolve();
    },
    clientBasedCORS: () => false,
  };

  const provider = new OidcProvider(options.issuer, configuration);
  provider.use(discoveryLikeSalesforce);
  provider.use(chooseUserEveryTime);
  return provider;
}
