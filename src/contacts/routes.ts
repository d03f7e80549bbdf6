import { Router, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import type { Database } from '../db/database';
import type { ReaderFor } from '../web/readYourWrites';
import { saveCard, showCard, type WriteHistoryView } from './cardHandlers';
import { createContact, newContactForm } from './createHandlers';
import { confirmDelete, destroyContact } from './deleteHandlers';
import { editedBy } from './editedBy';
import type { CappedCounts } from './list/cappedCounts';
import { showList } from './list/handler';
import { downloadVCard } from './vcardHandler';

export interface ContactRouteDeps {
  db: Database;
  /** Where the list, search and counts read; the card, forms and writes use the leader. */
  reads?: ReaderFor;
  audit: AuditLog;
  /** Refuses a user who may only read; on every route that offers or makes a change. */
  requireEditor: RequestHandler;
  historyView: WriteHistoryView;
  cappedCounts: CappedCounts;
  secureCookies: boolean;
  /** AUDIT_SALESFORCE_FIELD: the column each change also sets to the editor's username. */
  auditSalesforceField: string | undefined;
}

/**
 * The route map for /contacts. Every route runs after sign-in, CSRF and the setup check, which
 * puts the Connect mapping in `res.locals.mapping`.
 */
export function contactRoutes({
  db,
  reads = () => db,
  audit,
  requireEditor,
  historyView,
  cappedCounts,
  secureCookies,
  auditSalesforceField,
}: ContactRouteDeps) {
  const router = Router();
  const stampEditor = editedBy(auditSalesforceField);
  router.get('/', (req, res, next) => showList(reads(req), cappedCounts)(req, res, next));
  router.post('/', requireEditor, createContact(audit, stampEditor, secureCookies));
  router.get('/new', requireEditor, newContactForm());
  router.get('/:key', showCard(db, historyView));
  router.post('/:key', requireEditor, saveCard(db, audit, stampEditor, secureCookies));
  router.get('/:key/delete', requireEditor, confirmDelete(db));
  router.post('/:key/delete', requireEditor, destroyContact(audit, secureCookies));
  router.get('/:key/vcard', downloadVCard(db));
  return router;
}
