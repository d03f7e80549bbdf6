import type { RequestHandler } from 'express';
import { MigrationsPendingError } from './httpErrors';

/**
 * Answers every page with 503 and what to run while the database lacks this release's
 * migrations, instead of a 500 on whichever table is missing. `pending` re-reads the database
 * only while some are missing (see db/migrationStatus.ts), so a current database costs nothing.
 */
export function requireMigrations(pending: () => Promise<string[]>): RequestHandler {
  return async (_req, _res, next) => {
    // A database that cannot answer is not known to be behind: the request goes on and meets
    // the outage where it would have (a page that needs no query still works), and the next
    // request asks again.
    const missing = await pending().catch(() => []);
    if (missing.length > 0) throw new MigrationsPendingError(missing);
    next();
  };
}
