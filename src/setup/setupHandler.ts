import { Router } from 'express';
import type { MappingCache } from '../connect/mappingCache';
import { welcomeView, type SignInSetup } from './setupView';

/**
 * The setup checklist, readable without signing in: it is where "Deploy to Heroku" lands
 * (app.json success_url) before anyone knows the password, and it shows no contact data.
 */
export function setupRoutes(
  cachedMapping: MappingCache,
  herokuAppName: string | undefined,
  signIn: SignInSetup,
  auditSalesforceField: string | undefined,
): Router {
  const router = Router();
  router.get('/setup', async (req, res) => {
    // The address this page was reached at is the one Salesforce must send people back to.
    const callbackUrl = `${req.protocol}://${req.get('host') ?? ''}/auth/salesforce/callback`;
    res.render(
      'setup',
      welcomeView(
        await cachedMapping.current(),
        herokuAppName,
        { ...signIn, callbackUrl },
        auditSalesforceField,
      ),
    );
  });
  return router;
}
