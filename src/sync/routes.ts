import { Router, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import type { Database } from '../db/database';
import type { MappingCache } from '../connect/mappingCache';
import { triggerLogPresent } from '../connect/triggerLog';
import { HttpError, NotFoundError } from '../web/httpErrors';
import { requestActor } from '../web/signedInUser';
import { failedWrites } from './failedWrites';
import { FAILED_PAGE_PATH, failedPageView } from './failedView';
import { parseRetryRequest } from './retryRequest';
import { retryWrite } from './retryWrite';

export interface SyncRouteDeps {
  db: Database;
  audit: AuditLog;
  /** Refuses a user who may only read: Retry sends a write to Salesforce. */
  requireEditor: RequestHandler;
  schema: string;
  cachedMapping: MappingCache;
}

const FAILED_PAGE_LIMIT = 200;

/** Mounted at /sync behind sign-in and CSRF: the failed-writes page and the Retry action. */
export function syncRoutes({
  db,
  audit,
  requireEditor,
  schema,
  cachedMapping,
}: SyncRouteDeps): Router {
  const router = Router();

  router.get('/failed', async (_req, res) => {
    const available = await triggerLogPresent(db, schema);
    const writes = available
      ? await failedWrites(db, await cachedMapping.current(), FAILED_PAGE_LIMIT)
      : [];
    res.render('sync/failed', failedPageView(available, writes));
  });

  // Retrying what is no longer FAILED changes nothing, so a double click is harmless.
  router.post('/retry', requireEditor, async (req, res) => {
    const request = parseRetryRequest(req.body as Record<string, unknown>);
    if (!request) {
      throw new HttpError(400, 'Bad request', 'This retry form does not name a trigger log entry.');
    }
    const outcome = (await triggerLogPresent(db, schema))
      ? await retryWrite(audit, requestActor(req, res), await cachedMapping.current(), request)
      : 'not_found';
    if (outcome === 'not_found') {
      throw new NotFoundError(
        'This write is no longer in the trigger log: Connect removes archived entries after 31 days (7 on the demo plan).',
      );
    }
    res.redirect(303, request.back ?? FAILED_PAGE_PATH);
  });

  return router;
}
