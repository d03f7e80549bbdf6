import { Router } from 'express';
import { isUsable, readMapping } from '../connect/mapping';
import type { Database } from '../db/database';

/**
 * For uptime checks and people wiring up Connect: is the database reachable, has Connect created
 * the table, and are the columns the app needs mapped. 503 only when the database is unreachable.
 * The mapping is read afresh each time, so the answer is about the database now, not a minute ago,
 * and it leaves the app's mapping cache alone.
 */
export function healthRoutes(db: Database, schema: string): Router {
  const router = Router();
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
      });
    } catch {
      res
        .status(503)
        .set('Retry-After', '5')
        .json({
          status: 'unavailable',
          database: { reachable: false },
        });
    }
  });
  return router;
}
