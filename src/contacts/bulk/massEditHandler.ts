import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../web/httpErrors';
import { requestActor } from '../../web/signedInUser';
import type { EditedBy } from '../editedBy';
import { ownerChoices } from '../owners';
import { applyMassEdit } from './applyMassEdit';
import { appliedBatchPath } from './batchPaths';
import { chosenNames, requireBatch } from './chosenBatch';
import { readMassEdit } from './massEditInput';
import { massEditView, type Submitted } from './massEditView';

/** `GET /contacts/bulk/:id`: the mass-edit form for a chosen batch; once applied, its page. */
export function massEditForm(db: Database): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const { mapping } = res.locals;
    const batch = await requireBatch(db, req, res, 'edit');
    if (batch.appliedAt) return res.redirect(303, appliedBatchPath(batch.id));
    const [chosen, owners] = await Promise.all([chosenNames(db, batch), ownerChoices(db, mapping)]);
    res.render('contacts/bulk/edit', massEditView(mapping, batch, chosen, owners, null));
  };
}

/**
 * `POST /contacts/bulk/:id`: checks the ticked fields, then applies the batch once and goes to
 * its page. Refused input writes nothing and shows the form again with what was typed.
 */
export function saveMassEdit(
  db: Database,
  audit: AuditLog,
  editedBy: EditedBy,
): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const { mapping, ownerScope, unreadableFields } = res.locals;
    const batch = await requireBatch(db, req, res, 'edit');
    if (batch.appliedAt) return res.redirect(303, appliedBatchPath(batch.id));
    const body = req.body as Record<string, unknown>;
    const input = await readMassEdit(db, mapping, body, ownerScope, unreadableFields);
    if (!input.ok) {
      const submitted: Submitted = { ...input, body };
      const [chosen, owners] = await Promise.all([
        chosenNames(db, batch),
        ownerChoices(db, mapping),
      ]);
      return res
        .status(422)
        .render('contacts/bulk/edit', massEditView(mapping, batch, chosen, owners, submitted));
    }
    const actor = requestActor(req, res);
    const alsoWrite = editedBy(mapping, actor.user.username, req.log);
    const outcome = await applyMassEdit(
      audit,
      actor,
      mapping,
      batch.id,
      ownerScope,
      input.edit,
      alsoWrite,
    );
    if (outcome === 'not_found') throw new NotFoundError();
    return res.redirect(303, appliedBatchPath(batch.id));
  };
}
