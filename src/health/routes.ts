import { Router } from 'express';
import { isUsable, readMapping } from '../connect/mapping';
import type { Database } from '../db/database';
import type { Follower } from '../db/followerReads';
import type { MigrationStatus } from '../db/migrationStatus';

/**
 * For uptime checks and people wiring up Connect: is the database reachable, has the release
 * phase applied this release's migrations, has Connect created the table, and are the columns
 * the app needs mapped. 503 when the database is unreachable or its migrations are behind, the
 * two states in which no page works. Both are read afresh each time, so the answer is about
 * the database now, not a minute ago, and it leaves the app's mapping cache alone. A follower
 * that is down or lagging is reported but keeps the status 200: the leader serves its reads
 * meanwhile.
 */
export function healthRoutes(
  db: Database,
  schema: string,
  migrations: () => Promise<MigrationStatus>,
  follower?: Follower,
): Router {
  const router = Router();
  const followerState = () =>
    follower ? { follower: { configured: true, ...follower.status() } } : {};
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      const [migration, mapping] = await Promise.all([migrations(), readMapping(db, schema)]);
      const current = migration.pending.length === 0;
      const complete = isUsable(mapping);
      res.status(current ? 200 : 503).json({
        status: current ? (complete ? 'ok' : 'setup_needed') : 'migrations_pending',
        database: { reachable: true },
        migrations: { current, ...migration },
        contactTable: { present: mapping.tablePresent, schema: mapping.schema },
        mapping: {
          complete,
          mappedFields: mapping.fields.map((f) => f.column),
          missingColumns: mapping.missingRequired,
          externalId: mapping.hasExternalId,
        },
        ...followerState(),
      });
    } catch {
      res
        .status(503)
        .set('Retry-After', '5')
        .json({
          status: 'unavailable',
          database: { reachable: false },
          ...followerState(),
        });
    }
  });
  return router;
}
