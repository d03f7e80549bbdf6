import { Router } from 'express';
import type { Database } from '../db/database';
import { saveCard, showCard, type WriteHistory } from './cardHandlers';
import { createContact, newContactForm } from './createHandlers';
import { confirmDelete, destroyContact } from './deleteHandlers';
import type { CappedCounts } from './list/cappedCounts';
import { showList } from './list/handler';
import { downloadVCard } from './vcardHandler';

export interface ContactRouteDeps {
  db: Database;
  writeHistory: WriteHistory;
  cappedCounts: CappedCounts;
  secureCookies: boolean;
}

/**
 * The route map for /contacts. Every route runs after sign-in, CSRF and the setup check, which
 * puts the Connect mapping in `res.locals.mapping`.
 */
export function contactRoutes({ db, writeHistory, cappedCounts, secureCookies }: ContactRouteDeps) {
  const router = Router();
  router.get('/', showList(db, cappedCounts));
  router.post('/', createContact(db, secureCookies));
  router.get('/new', newContactForm());
  router.get('/:key', showCard(db, writeHistory));
  router.post('/:key', saveCard(db, secureCookies));
  router.get('/:key/delete', confirmDelete(db));
  router.post('/:key/delete', destroyContact(db, secureCookies));
  router.get('/:key/vcard', downloadVCard(db));
  return router;
}
