import { Router, type Request } from 'express';
import type { Database } from '../db/database';
import type { Follower } from '../db/followerReads';
import type { MigrationStatus } from '../db/migrationStatus';
import { healthReport, type HealthStatus } from './healthReport';

export interface HealthDeps {
  db: Database;
  schema: string;
  migrations: () => Promise<MigrationStatus>;
  follower?: Follower | undefined;
  /** Whether this request may read the report's details (see detailsAccess). */
  mayReadDetails: (req: Request) => Promise<boolean>;
}

/** The two states in which no page works; a platform health check sees them in the status. */
const DOWN: readonly HealthStatus[] = ['migrations_pending', 'unavailable'];

/**
 * For uptime checks and the people running the app. Anyone gets the status code and
 * `{"status": …}`, which is all a health check needs; the schema, mapped columns, migrations and
 * follower state would tell a stranger how the app is built, so only an admin or a monitor
 * holding HEALTHZ_TOKEN reads them.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const report = await healthReport(deps.db, deps.schema, deps.migrations, deps.follower);
    if (report.status === 'unavailable') res.set('Retry-After', '5');
    // An admin's session cannot be checked against sign-outs while the database is down: then
    // only the token shows details.
    const details = await deps.mayReadDetails(req).catch(() => false);
    res
      .status(DOWN.includes(report.status) ? 503 : 200)
      .json(details ? report : { status: report.status });
  });
  return router;
}
