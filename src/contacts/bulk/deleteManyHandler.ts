import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../web/httpErrors';
import { requestActor } from '../../web/signedInUser';
import { applyDeleteMany } from './applyDeleteMany';
import { appliedBatchPath } from './batchPaths';
import { chosenNames, contactCount, requireBatch } from './chosenBatch';

/** `GET /contacts/bulk/:id/delete`: asks before deleting the chosen contacts, naming them. */
export function confirmDeleteMany(db: Database): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const batch = await requireBatch(db, req, res, 'delete');
    if (batch.appliedAt) return res.redirect(303, appliedBatchPath(batch.id));
    const count = contactCount(batch.itemCount);
    res.render('contacts/bulk/delete', {
      title: `Delete ${count}?`,
      count,
      action: `/contacts/bulk/${batch.id}/delete`,
      backHref: `/contacts${batch.listQuery}`,
      chosen: await chosenNames(db, batch),
    });
  };
}

/** `POST /contacts/bulk/:id/delete`: deletes the chosen contacts once, then shows the batch. */
export function destroyMany(audit: AuditLog): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const { mapping, ownerScope } = res.locals;
    const actor = requestActor(req, res);
    const outcome = await applyDeleteMany(audit, actor, mapping, req.params.id, ownerScope);
    if (outcome === 'not_found') {
      throw new NotFoundError(
        'No such batch of contacts. The link may be old, or someone else chose it.',
      );
    }
    return res.redirect(303, appliedBatchPath(req.params.id));
  };
}
