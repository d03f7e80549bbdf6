import { Router } from 'express';
import { isUsable, readMapping } from '../connect/mapping';
import type { Database } from '../db/database';
import type { Follower } from '../db/followerReads';

/**
 * For uptime checks and people wiring up Connect: is the database reachable, has Connect created
 * the table, and are the columns the app needs mapped. 503 only when the database is unreachable.
 * The mapping is read afresh each time, so the answer is about the database now, not a minute ago,
 * and it leaves the app's mapping cache alone. A follower that is down or lagging is reported but
 * keeps the status 200: the leader serves its reads meanwhile.
 */
export function healthRoutes(db: Database, schema: string, follower?: Follower): Router {
  const router = Router();
  const followerState = () =>
    follower ? { follower: { configured: true, ...follower.status() } } : {};
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      const mapping = await readMapping(db, schema);
      const complete = isUsable(mapping);
      res.json({
        status: complete ? 'ok' : 'setup_needed',
        database: { reachable: true },
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
