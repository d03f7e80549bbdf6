import { Router } from 'express';
import type { MappingSource } from '../contacts/mapping';
import { welcomeView } from './welcome';

/**
 * The setup checklist, readable without signing in: it is where "Deploy to Heroku" lands
 * (app.json success_url) before anyone knows the password, and it shows no contact data.
 */
export function setupRoutes(mappings: MappingSource, herokuAppName: string | undefined): Router {
  const router = Router();
  router.get('/setup', async (_req, res) => {
    res.render('welcome', welcomeView(await mappings.current(), herokuAppName));
  });
  return router;
}
