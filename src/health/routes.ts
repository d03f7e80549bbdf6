import { Router } from 'express';
import type { MappingSource } from '../contacts/mapping';

/**
 * For uptime checks and people wiring up Connect: is the database reachable, has Connect created
 * the table, and are the columns the app needs mapped. 503 only when the database is unreachable.
 * The mapping is read afresh each time, so the answer is about the database now, not a minute ago.
 */
export function healthRoutes(mappings: MappingSource): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      mappings.forget();
      const mapping = await mappings.current();
      res.json({
        status:
          mapping.tablePresent && mapping.missingRequired.length === 0 ? 'ok' : 'setup_needed',
        database: { reachable: true },
        contactTable: { present: mapping.tablePresent, schema: mapping.schema },
        mapping: {
          complete: mapping.tablePresent && mapping.missingRequired.length === 0,
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
