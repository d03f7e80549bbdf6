import { Router } from 'express';
import { accountsLink } from './accounts/accountsLink';
import { createAccount, newAccountForm } from './accounts/create/createHandler';
import { showAccount } from './accounts/detail/accountHandler';
import { saveAccount } from './accounts/edit/editHandler';
import { showAccountList } from './accounts/list/listHandler';
import { requireAccounts } from './accounts/requireAccounts';
import { downloadAuditCsv, showAuditTrail } from './admin/auditTrail';
import { showSignedInUsers, signOutEverywhere } from './admin/signedInUsers';
import type { AuditLog } from './audit/auditLog';
import { requireRole, requireSignIn } from './auth/middleware';
import { showOwnSession, signOutOtherSessions } from './auth/ownSessions';
import type { SessionRevocations } from './auth/revokedSessions';
import { authRoutes } from './auth/routes';
import { salesforceRoutes } from './auth/salesforceRoutes';
import { salesforceSignin } from './auth/salesforceSignin';
import type { SessionCodec } from './auth/session';
import { SigninFlowCookie } from './auth/signinFlow';
import { callbackRateLimits } from './auth/signinLimits';
import type { Config } from './config';
import { contactNames } from './connect/contactNames';
import type { MappingCache } from './connect/mappingCache';
import { chooseContacts } from './contacts/bulk/chooseHandler';
import { confirmDeleteMany, destroyMany } from './contacts/bulk/deleteManyHandler';
import { massEditForm, saveMassEdit } from './contacts/bulk/massEditHandler';
import { showCard } from './contacts/card/cardHandler';
import { downloadVCard } from './contacts/card/vcardHandler';
import { createContact, newContactForm } from './contacts/create/createHandler';
import {
  confirmImportHandler,
  saveColumnChoices,
  showImport,
} from './contacts/import/previewHandler';
import { downloadSkippedRows } from './contacts/import/skippedRowsCsv';
import { receiveUpload, showUploadForm } from './contacts/import/uploadHandler';
import { confirmDelete, destroyContact } from './contacts/delete/deleteHandler';
import { saveCard } from './contacts/edit/editHandler';
import { editedBy } from './contacts/editedBy';
import type { CappedCounts } from './db/cappedCounts';
import { downloadContactsCsv } from './contacts/list/exportHandler';
import { showList } from './contacts/list/listHandler';
import type { Database } from './db/database';
import type { JobSender } from './jobs/jobQueue';
import { restrictToOwner } from './records/visibility';
import { publicUntilSetUp } from './setup/publicUntilSetUp';
import { requireMapping } from './setup/requireMapping';
import { showSetup } from './setup/setupHandler';
import { retryBatchFailures, showBatch, showBatchProgress } from './sync/batchHandlers';
import { historyView } from './sync/history';
import { retryFailedWrite, showFailedWrites } from './sync/syncHandlers';
import type { ReaderFor } from './web/readYourWrites';

/** The per-app state the pages share; app.ts builds it once. */
export interface RouteDeps {
  db: Database;
  config: Config;
  /** Where read-only pages read: the follower, unless this browser has just written. */
  reads: ReaderFor;
  sessions: SessionCodec;
  revocations: SessionRevocations;
  audit: AuditLog;
  cachedMapping: MappingCache;
  cappedCounts: CappedCounts;
  /** Puts background jobs (CSV imports) on the queue the worker process takes them from. */
  jobs: JobSender;
}

/**
 * Every page and action, with the guards it needs, in the order a request meets them. Before
 * this map, app.ts answers /assets/* and /healthz (they need no session, so they set no
 * cookie), loads the session and the flash, refuses a revoked session, and checks the CSRF token
 * of every POST: no route is exempt, so none lists it.
 */
export function routes(deps: RouteDeps): Router {
  const { db, config, reads, audit, cachedMapping } = deps;
  const signedIn = requireSignIn;
  const editor = requireRole('editor', audit);
  const admin = requireRole('admin', audit);
  // Connect may not have created the table yet: then the setup page answers instead.
  const mapped = requireMapping(cachedMapping, config.herokuAppName);
  // CONTACT_VISIBILITY: which records each page may show or change (res.locals.ownerScope).
  const visible = restrictToOwner(config.contactVisibility, cachedMapping);
  const stampEditor = editedBy(config.auditSalesforceField);
  const trail = {
    reads,
    contactNames: async (name: string, reader: Database) =>
      contactNames(reader, await cachedMapping.current(), name),
  };
  const users = {
    db,
    revokeUser: (userId: string) => deps.revocations.revokeUser(userId),
    audit,
    sessionTtlMs: config.sessionTtlMs,
  };
  const sync = { reads, audit, cachedMapping };
  const map = Router();

  // The header links to /accounts on signed-in pages when Connect maps Account.
  map.use(accountsLink(cachedMapping));

  // Anyone.
  map.get('/', (_req, res) => {
    res.redirect(302, '/contacts');
  });
  // Anyone until Connect's table is usable; then only the signed-in.
  map.get(
    '/setup',
    publicUntilSetUp(cachedMapping, signedIn),
    showSetup(
      cachedMapping,
      config.herokuAppName,
      { salesforce: config.salesforce !== null },
      config.auditSalesforceField,
      config.appUrl,
    ),
  );
  // GET /signin, POST /signin (the shared password, rate-limited), POST /signout.
  map.use(
    authRoutes({
      codec: deps.sessions,
      revocations: deps.revocations,
      db,
      audit,
      // The shared password has no Salesforce identity, so it owns nothing to see.
      passwordSignIn: config.passwordSignIn && config.contactVisibility === 'all',
      ownerVisibility: config.contactVisibility === 'owner',
      salesforce: config.salesforce
        ? { emulated: isLoginEmulator(config.salesforce.loginUrl) }
        : null,
    }),
  );
  // GET /auth/salesforce and GET /auth/salesforce/callback, both rate-limited.
  if (config.salesforce) {
    map.use(
      salesforceRoutes({
        codec: deps.sessions,
        signin: salesforceSignin(config.salesforce),
        flows: new SigninFlowCookie(config.sessionSecret),
        settings: config.salesforce,
        defaultRole: config.defaultRole,
        audit,
        limits: callbackRateLimits(db),
      }),
    );
  }

  // Every /contacts URL, even one no route matches, needs sign-in and Connect's table.
  map.use('/contacts', signedIn, mapped, visible);
  map.get('/contacts', showList(reads, deps.cappedCounts));
  // Not under /contacts/, where the key routes would take it for a contact's key.
  map.get('/contacts.csv', signedIn, mapped, visible, downloadContactsCsv(reads));
  map.post('/contacts', editor, createContact(db, audit, stampEditor));
  map.get('/contacts/new', editor, newContactForm());
  // Bulk actions: before the key routes, which would take `bulk` for a contact's key.
  map.post('/contacts/bulk', editor, chooseContacts(db));
  map.get('/contacts/bulk/:id', editor, massEditForm(db));
  map.post('/contacts/bulk/:id', editor, saveMassEdit(db, audit, stampEditor));
  map.get('/contacts/bulk/:id/delete', editor, confirmDeleteMany(db));
  map.post('/contacts/bulk/:id/delete', editor, destroyMany(audit));
  // CSV import (docs/import.md), before /contacts/:key would take "import" for a key. The
  // upload's multipart body was read in app.ts, ahead of the CSRF check.
  map.get('/contacts/import', editor, showUploadForm());
  map.post('/contacts/import', editor, receiveUpload(db));
  map.get('/contacts/import/:id', editor, showImport(db));
  map.post('/contacts/import/:id/columns', editor, saveColumnChoices(db));
  map.post('/contacts/import/:id/confirm', editor, confirmImportHandler(db, deps.jobs));
  map.get('/contacts/import/:id/skipped.csv', editor, downloadSkippedRows(db));
  map.get('/contacts/:key', showCard(db, historyView));
  map.post('/contacts/:key', editor, saveCard(db, audit, stampEditor));
  map.get('/contacts/:key/delete', editor, confirmDelete(db));
  map.post('/contacts/:key/delete', editor, destroyContact(audit));
  map.get('/contacts/:key/vcard', downloadVCard(db));

  // Every /accounts URL needs sign-in and Connect's table; without Account mapped, a 404 says so.
  map.use('/accounts', signedIn, mapped, requireAccounts, visible);
  map.get('/accounts', showAccountList(reads, deps.cappedCounts));
  map.post('/accounts', editor, createAccount(audit));
  map.get('/accounts/new', editor, newAccountForm());
  map.get('/accounts/:key', showAccount(reads, historyView));
  map.post('/accounts/:key', editor, saveAccount(db, audit, historyView));

  // Every /session URL needs sign-in: one's own session, and signing out one's other ones.
  map.use('/session', signedIn);
  map.get('/session', showOwnSession());
  map.post(
    '/session/signout-others',
    signOutOtherSessions({ codec: deps.sessions, revocations: deps.revocations, audit }),
  );

  // Every /sync URL needs sign-in.
  map.use('/sync', signedIn, visible);
  map.get('/sync/failed', showFailedWrites(sync));
  map.post('/sync/retry', editor, retryFailedWrite(sync));
  // A bulk action's rows on their way to Salesforce: its creator's and admins' only. The JSON
  // comes first, since `:id` would take `<id>.json` too.
  map.get('/sync/batches/:id.json', showBatchProgress(sync));
  map.get('/sync/batches/:id', showBatch(sync));
  map.post('/sync/batches/:id/retry', editor, retryBatchFailures(sync));

  // Admins only; every /users URL needs it.
  map.get('/audit', signedIn, admin, showAuditTrail(trail));
  map.get('/audit.csv', signedIn, admin, downloadAuditCsv(trail));
  map.use('/users', signedIn, admin);
  map.get('/users', showSignedInUsers(users));
  map.post('/users/signout', signOutEverywhere(users));

  return map;
}

/** The login emulator of local development is the only Salesforce on this machine. */
function isLoginEmulator(url: string): boolean {
  return new URL(url).protocol === 'http:';
}
