import type { RequestHandler } from 'express';
import { MigrationsPendingError } from './httpErrors';

/**
 * Answers every page with 503 and what to run while the database lacks this release's
 * migrations, instead of a 500 on whichever table is missing. `pending` re-reads the database
 * only while some are missing (see db/migrationStatus.ts), so a current database costs nothing.
 */
export function requireMigrations(pending: () => Promise<string[]>): RequestHandler {
  return async (_req, _res, next) => {
    const missing = await pending();
    if (missing.length > 0) throw new MigrationsPendingError(missing);
    next();
  };
}
