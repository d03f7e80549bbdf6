import type { Middleware } from 'oidc-provider';
import { SALESFORCE_PATHS } from './salesforcePaths';

/**
 * oidc-provider always advertises `code_challenge_methods_supported`; Salesforce's document does
 * not, and a client that sends PKCE only when it is advertised must fail here as it would there.
 * PKCE stays required: this removes the advertisement, not the check.
 */
export const discoveryLikeSalesforce: Middleware = async (ctx, next) => {
  await next();
  if (ctx.path !== SALESFORCE_PATHS.discovery) return;
  if (typeof ctx.body === 'object' && ctx.body !== null) {
    delete (ctx.body as Record<string, unknown>).code_challenge_methods_supported;
  }
};
