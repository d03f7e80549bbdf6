import { Router } from 'express';
import type { MappingCache } from '../connect/mappingCache';
import { welcomeView } from './welcome';

/**
 * The setup checklist, readable without signing in: it is where "Deploy to Heroku" lands
 * (app.json success_url) before anyone knows the password, and it shows no contact data.
 */
export function setupRoutes(
  cachedMapping: MappingCache,
  herokuAppName: string | undefined,
): Router {
  const router = Router();
  router.get('/setup', async (_req, res) => {
    res.render('welcome', welcomeView(await cachedMapping.current(), herokuAppName));
  });
  return router;
}
