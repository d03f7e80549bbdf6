import type { RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import { duplicateRefusals, isDuplicateRefusal } from '../connect/duplicateRefusal';
import type { MappingCache } from '../connect/mappingCache';
import { HttpError, NotFoundError } from '../web/httpErrors';
import type { ReaderFor } from '../web/readYourWrites';
import { readerTimeZone, requestActor } from '../web/signedInUser';
import { failedWrites } from './failedWrites';
import { FAILED_PAGE_PATH, failedPageView } from './failedView';
import { parseRetryRequest } from './retryRequest';
import { retryWrite } from './retryWrite';

export interface SyncHandlerDeps {
  /** Where the failed-writes page reads; Retry writes, so it checks the leader. */
  reads: ReaderFor;
  audit: AuditLog;
  cachedMapping: MappingCache;
}

const FAILED_PAGE_LIMIT = 200;

/** `/sync/failed`: the writes Connect could not send to Salesforce, newest first. */
export function showFailedWrites({ reads, cachedMapping }: SyncHandlerDeps): RequestHandler {
  return async (req, res) => {
    const mapping = await cachedMapping.current();
    const db = reads(req);
    const scope = res.locals.ownerScope;
    const writes = mapping.triggerLog
      ? await failedWrites(db, mapping, FAILED_PAGE_LIMIT, scope)
      : [];
    // Writes the duplicate rule refused link to the contact they most likely match.
    const refused = writes
      .filter(
        (write) => write.object === 'contact' && write.record && isDuplicateRefusal(write.message),
      )
      .map((write) => write.recordId);
    const refusals = await duplicateRefusals(db, mapping, refused, scope);
    res.render(
      'sync/failed',
      failedPageView(mapping.triggerLog, writes, readerTimeZone(res), refusals),
    );
  };
}

/**
 * `/sync/retry`: sends a failed write again. Retrying what is no longer FAILED changes nothing,
 * so a double click is harmless.
 */
export function retryFailedWrite({ audit, cachedMapping }: SyncHandlerDeps): RequestHandler {
  return async (req, res) => {
    const request = parseRetryRequest(req.body as Record<string, unknown>);
    if (!request) {
      throw new HttpError(400, 'Bad request', 'This retry form does not name a trigger log entry.');
    }
    const mapping = await cachedMapping.current();
    const outcome = mapping.triggerLog
      ? await retryWrite(audit, requestActor(req, res), mapping, request, res.locals.ownerScope)
      : 'not_found';
    if (outcome === 'not_found') {
      throw new NotFoundError(
        'This write is no longer in the trigger log: Connect removes archived entries after 31 days (7 on the demo plan).',
      );
    }
    res.redirect(303, request.back ?? FAILED_PAGE_PATH);
  };
}
