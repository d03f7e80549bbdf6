import type { RequestHandler } from 'express';
import type { MappingCache } from '../connect/mappingCache';
import { setupView, type SignInSetup } from './setupView';

/**
 * `/setup`, the setup checklist, readable without signing in: it is where "Deploy to Heroku"
 * lands (app.json success_url) before anyone knows the password, and it shows no contact data.
 */
export function showSetup(
  cachedMapping: MappingCache,
  herokuAppName: string | undefined,
  signIn: SignInSetup,
  auditSalesforceField: string | undefined,
): RequestHandler {
  return async (req, res) => {
    // The address this page was reached at is the one Salesforce must send people back to.
    const callbackUrl = `${req.protocol}://${req.get('host') ?? ''}/auth/salesforce/callback`;
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
