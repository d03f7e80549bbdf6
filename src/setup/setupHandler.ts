import type { RequestHandler } from 'express';
import type { MappingCache } from '../connect/mappingCache';
import { setupView, type SignInSetup } from './setupView';

/** `/setup`, the setup checklist; publicUntilSetUp says who may read it. */
export function showSetup(
  cachedMapping: MappingCache,
  herokuAppName: string | undefined,
  signIn: SignInSetup,
  auditSalesforceField: string | undefined,
  appUrl: string | undefined,
): RequestHandler {
  return async (req, res) => {
    // The configured address, which sign-in will use. Before one is set, the address this page
    // was opened at is the likeliest: it is only shown, as a suggestion, never redirected to.
    const origin = appUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
    const callbackUrl = `${origin}/auth/salesforce/callback`;
    res.render(
      'setup',
      setupView(
        await cachedMapping.current(),
        herokuAppName,
        { ...signIn, callbackUrl },
        auditSalesforceField,
      ),
    );
  };
}
