import { Router } from 'express';
import { writeAuditCsv } from '../audit/auditCsv';
import { parseAuditQuery, type AuditFilters, type AuditQuery } from '../audit/auditFilters';
import { auditEntries } from '../audit/auditQuery';
import type { Database } from '../db/database';
import { HttpError } from '../web/httpErrors';
import type { ReaderFor } from '../web/readYourWrites';
import { readerTimeZone } from '../web/signedInUser';
import { AUDIT_CSV_PATH, AUDIT_PAGE_SIZE, AUDIT_PATH, auditPageView } from './auditView';

export interface AdminRouteDeps {
  db: Database;
  /** Where the trail is read: a follower, unless it lacks the user's own latest write. */
  reads?: ReaderFor;
  /** A contact's other names, so filtering by any one finds entries made under the others. */
  contactNames: (name: string, db: Database) => Promise<string[]>;
}

/** The audit trail and its download. app.ts mounts them behind sign-in and the admin role. */
export function adminRoutes({ db, reads = () => db, contactNames }: AdminRouteDeps): Router {
  const withAliases = async (filters: AuditFilters, reader: Database): Promise<AuditFilters> =>
    filters.contact === null
      ? filters
      : { ...filters, contactAliases: await contactNames(filters.contact, reader) };
  const router = Router();

  router.get(AUDIT_PATH, async (req, res) => {
    const query = parseAuditQuery(req.query);
    if (hasErrors(query)) {
      res.status(400).render('audit', auditPageView(query, null, readerTimeZone(res)));
      return;
    }
    const reader = reads(req);
    const filters = await withAliases(query.filters, reader);
    const entries = await auditEntries(reader)(filters, query.before, AUDIT_PAGE_SIZE + 1);
    res.render('audit', auditPageView(query, entries, readerTimeZone(res)));
  });

  // The whole filtered set: `before` pages the screen, not the file.
  router.get(AUDIT_CSV_PATH, async (req, res) => {
    const query = parseAuditQuery(req.query);
    if (hasErrors(query)) {
      throw new HttpError(400, 'Bad request', Object.values(query.errors).join(' '));
    }
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${csvFileName(new Date())}"`)
      .set('Cache-Control', 'private, no-store');
    const reader = reads(req);
    await writeAuditCsv(auditEntries(reader), await withAliases(query.filters, reader), res);
    res.end();
  });

  return router;
}

function hasErrors(query: AuditQuery): boolean {
  return Object.keys(query.errors).length > 0;
}

function csvFileName(now: Date): string {
  return `contact-card-audit-${now.toISOString().slice(0, 10)}.csv`;
}
