/**
 * The part of oidc-provider v9 that the login emulator uses. The package ships no types, and
 * the community ones lag its major versions, so this names only what we call, no more.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type Claims = Record<string, unknown>;

  export interface Account {
    accountId: string;
    claims(): Promise<Claims>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { clientId: string; accountId: string }): Grant;
  }

  /** What the provider's callbacks may read of an authorization request in progress. */
  export interface OIDCContext {
    client: { clientId: string };
    session: { accountId?: string };
    requestParamOIDCScopes: Set<string>;
    provider: { Grant: GrantConstructor };
  }

  /** The Koa context, reduced to what a middleware or callback of ours touches. */
  export interface KoaContext {
    path: string;
    req: IncomingMessage;
    body: unknown;
    type: string;
  }

  export interface KoaContextWithOIDC extends KoaContext {
    oidc: OIDCContext;
  }

  export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  /** Stored state (codes, sessions, interactions, grants) as the provider hands it over. */
  export interface AdapterPayload {
    [key: string]: unknown;
    uid?: string;
    grantId?: string;
    consumed?: number;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    grant_types: string[];
    response_types: string[];
    token_endpoint_auth_method: 'client_secret_basic' | 'client_secret_post';
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
  }

  type Feature = { enabled: boolean };
  type Ttl = number | ((ctx: KoaContext, ...rest: unknown[]) => number);

  export interface Configuration {
    adapter: (model: string) => Adapter;
    clients: ClientMetadata[];
    jwks: { keys: object[] };
    cookies: { keys: string[] };
    routes: Record<'authorization' | 'token' | 'userinfo' | 'jwks' | 'revocation', string>;
    features: Record<
      | 'devInteractions'
      | 'rpInitiatedLogout'
      | 'revocation'
      | 'userinfo'
      | 'dPoP'
      | 'pushedAuthorizationRequests'
      | 'resourceIndicators',
      Feature
    >;
    responseTypes: string[];
    scopes: string[];
    claims: Record<string, string[]>;
    conformIdTokenClaims: boolean;
    clientAuthMethods: string[];
    pkce: { required: () => boolean };
    ttl: Record<
      'AccessToken' | 'AuthorizationCode' | 'IdToken' | 'Interaction' | 'Session' | 'Grant',
      Ttl
    >;
    interactions: { url: (ctx: KoaContext, interaction: { uid: string }) => string };
    findAccount: (ctx: KoaContext, sub: string) => Promise<Account | undefined>;
    loadExistingGrant: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    renderError: (ctx: KoaContext, out: ErrorOut, error: Error) => Promise<void>;
    clientBasedCORS: () => boolean;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string };
  }

  export interface InteractionResult {
    login: { accountId: string; remember?: boolean };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    use(middleware: Middleware): this;
    on(event: 'server_error', listener: (ctx: KoaContext, error: Error) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
