import type { RequestHandler } from 'express';
import { writeAuditCsv } from '../audit/auditCsv';
import { parseAuditQuery, type AuditFilters, type AuditQuery } from '../audit/auditFilters';
import { auditEntries } from '../audit/auditQuery';
import type { Database } from '../db/database';
import { startCsvDownload } from '../web/csvDownload';
import { HttpError } from '../web/httpErrors';
import type { ReaderFor } from '../web/readYourWrites';
import { readerTimeZone } from '../web/signedInUser';
import { AUDIT_PAGE_SIZE, auditPageView } from './auditView';

export interface AuditTrailDeps {
  /** Where the trail is read: a follower, unless it lacks the user's own latest write. */
  reads: ReaderFor;
  /** A contact's other names, so filtering by any one finds entries made under the others. */
  contactNames: (name: string, db: Database) => Promise<string[]>;
}

/** `/audit`: one screen of the trail, newest first, filtered as the query string says. */
export function showAuditTrail(deps: AuditTrailDeps): RequestHandler {
  return async (req, res) => {
    const query = parseAuditQuery(req.query);
    if (hasErrors(query)) {
      res.status(400).render('audit', auditPageView(query, null, readerTimeZone(res)));
      return;
    }
    const reader = deps.reads(req);
    const filters = await withAliases(deps, query.filters, reader);
    const entries = await auditEntries(reader)(filters, query.before, AUDIT_PAGE_SIZE + 1);
    res.render('audit', auditPageView(query, entries, readerTimeZone(res)));
  };
}

/** `/audit.csv`: the whole filtered set, because `before` pages the screen, not the file. */
export function downloadAuditCsv(deps: AuditTrailDeps): RequestHandler {
  return async (req, res) => {
    const query = parseAuditQuery(req.query);
    if (hasErrors(query)) {
      throw new HttpError(400, 'Bad request', Object.values(query.errors).join(' '));
    }
    startCsvDownload(res, 'contact-card-audit');
    const reader = deps.reads(req);
    await writeAuditCsv(auditEntries(reader), await withAliases(deps, query.filters, reader), res);
    res.end();
  };
}

async function withAliases(
  deps: AuditTrailDeps,
  filters: AuditFilters,
  reader: Database,
): Promise<AuditFilters> {
  return filters.contact === null
    ? filters
    : { ...filters, contactAliases: await deps.contactNames(filters.contact, reader) };
}

function hasErrors(query: AuditQuery): boolean {
  return Object.keys(query.errors).length > 0;
}
