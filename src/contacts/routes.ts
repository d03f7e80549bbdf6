import { Router, type RequestHandler } from 'express';
import type { Database } from '../db/database';
import { welcomeView } from '../setup/welcome';
import { saveCard, showCard } from './cardHandlers';
import { createContact, newContactForm } from './createHandlers';
import { confirmDelete, destroyContact } from './deleteHandlers';
import { showList } from './listHandler';
import { isUsable, type MappingSource } from './mapping';

export interface ContactRouteDeps {
  db: Database;
  mappings: MappingSource;
  herokuAppName: string | undefined;
  secureCookies: boolean;
}

/** The route map for /contacts; every route here runs after sign-in and CSRF checks. */
export function contactRoutes({ db, mappings, herokuAppName, secureCookies }: ContactRouteDeps) {
  const router = Router();

  // Right after "Deploy to Heroku" Connect has not created the table yet: explain, don't fail.
  const requireMapping: RequestHandler = async (req, res, next) => {
    const mapping = await mappings.current();
    if (!isUsable(mapping)) {
      res
        .status(req.method === 'GET' ? 200 : 409)
        .render('welcome', welcomeView(mapping, herokuAppName));
      return;
    }
    res.locals.mapping = mapping;
    next();
  };
  router.use(requireMapping);

  router.get('/', showList(db));
  router.post('/', createContact(db, secureCookies));
  router.get('/new', newContactForm());
  router.get('/:key', showCard(db));
  router.post('/:key', saveCard(db, secureCookies));
  router.get('/:key/delete', confirmDelete(db));
  router.post('/:key/delete', destroyContact(db, secureCookies));

  return router;
}
