import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/database';
import { duplicateRefusals, isDuplicateRefusal } from '../connect/duplicateRefusal';
import { findBatch, type Batch } from '../records/batches';
import { batchPath } from '../records/batchPath';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { readerTimeZone, requestActor } from '../web/signedInUser';
import { isDone, readBatchStatus } from './batchStatus';
import { batchPageView } from './batchView';
import { retryBatch } from './retryBatch';
import type { SyncHandlerDeps } from './syncHandlers';

const NO_SUCH_BATCH = 'No such batch';

/** `/sync/batches/:id`: where every row of a bulk action stands on its way to Salesforce. */
export function showBatch({ reads, cachedMapping }: SyncHandlerDeps): RequestHandler {
  return async (req, res) => {
    const db = reads(req);
    const batch = await visibleBatch(req, res, db);
    const mapping = await cachedMapping.current();
    const status = await readBatchStatus(db, mapping, batch.id);
    // Rows the duplicate rule refused name the contact they most likely match, as on /sync/failed.
    const refused = status.failedRows
      .filter((row) => row.exists && isDuplicateRefusal(row.message))
      .map((row) => row.contactRowId);
    const refusals = await duplicateRefusals(db, mapping, refused, res.locals.ownerScope);
    res.render(
      'sync/batch',
      batchPageView(batch, status, {
        timeZone: readerTimeZone(res),
        triggerLog: mapping.triggerLog,
        refusals,
      }),
    );
  };
}

/** `/sync/batches/:id.json`: the page's counts, which its script polls while rows are sent. */
export function showBatchProgress({ reads, cachedMapping }: SyncHandlerDeps): RequestHandler {
  return async (req, res) => {
    const db = reads(req);
    const batch = await visibleBatch(req, res, db);
    const { counts } = await readBatchStatus(db, await cachedMapping.current(), batch.id);
    res.json({ ...counts, done: isDone(counts) });
  };
}

/** `/sync/batches/:id/retry`: requeues every failed row of the batch, then shows the batch. */
export function retryBatchFailures({
  reads,
  audit,
  cachedMapping,
}: SyncHandlerDeps): RequestHandler {
  return async (req, res) => {
    const mapping = await cachedMapping.current();
    let retried: number | null = 0;
    if (mapping.triggerLog) {
      retried = await retryBatch(audit, requestActor(req, res), mapping, batchId(req));
    } else {
      // Without Connect's log there is no entry to requeue: nothing is retried.
      await visibleBatch(req, res, reads(req));
    }
    if (retried === null) throw new NotFoundError(NO_SUCH_BATCH);
    setFlash(res, 'retriedBatch', [String(retried)]);
    res.redirect(303, batchPath(batchId(req)));
  };
}

/** The batch the URL names, if this user may see it; anyone else is told there is none. */
async function visibleBatch(req: Request, res: Response, db: Database): Promise<Batch> {
  const { user } = res.locals;
  const id = batchId(req);
  const batch = user ? await findBatch(db, id, user) : null;
  if (!batch) throw new NotFoundError(NO_SUCH_BATCH);
  return batch;
}

function batchId(req: Request): string {
  const { id } = req.params;
  return typeof id === 'string' ? id : '';
}
