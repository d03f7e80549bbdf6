import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import type { Database } from '../../db/database';
import { setFlash } from '../../web/flash';
import { NotFoundError } from '../../web/httpErrors';
import { readerTimeZone, requestActor } from '../../web/signedInUser';
import { accountFormOf } from '../accountFieldView';
import { cardRelations, cardView } from '../card/cardView';
import { ownerChoices } from '../owners';
import { accountEdit, needsAnotherLook, readRelationEdits } from './relationEdits';
import { contactLinks } from '../contactLinks';
import { findContact, requireContact } from '../contactRepository';
import type { EditedBy } from '../editedBy';
import { decodeShown } from '../../records/shownValues';
import { validateFields } from '../../records/validation';
import { conflictView } from './conflictView';
import { editedFields } from '../../records/editedFields';
import { saveEdit } from './saveEdit';
import { duplicateWarning, type DuplicateWarning } from '../duplicates/duplicateWarning';
import { editProbe } from '../duplicates/probe';

/**
 * Validates only the fields the user changed, then merges them into the row as it is now: a
 * field the user left alone is neither checked nor written, whatever the form sent for it. A
 * change of email, name or account that likely duplicates another contact waits for Save anyway.
 */
export function saveCard(
  db: Database,
  audit: AuditLog,
  editedBy: EditedBy,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, unreadableFields, ownerScope } = res.locals;
    const body = req.body as Record<string, unknown>;
    const shown = decodeShown(body.shown);
    const edited = editedFields(body, mapping.fields, shown, unreadableFields);
    const input = validateFields(body, edited, unreadableFields);
    const relations = await readRelationEdits(db, mapping, body, shown, ownerScope);
    const again = async (status: number, duplicates: DuplicateWarning | null = null) => {
      const contact = await requireContact(db, mapping, req.params.key, ownerScope);
      const typed = { values: input.typed, errors: input.ok ? {} : input.errors, shown };
      const relationsAgain = cardRelations(mapping, await ownerChoices(db, mapping), {
        submittedAccount: relations.account ? accountFormOf(body, relations.account) : undefined,
        submittedOwner: relations.ownerRefused ?? undefined,
      });
      const view = cardView(contact, mapping.fields, readerTimeZone(res), typed, relationsAgain);
      res.status(status).render('contacts/card', { ...view, duplicates });
    };
    if (!input.ok || needsAnotherLook(relations)) return again(422);
    // A contact deleted meanwhile has no duplicates: the save below says it is gone.
    const contact = await findContact(db, mapping, req.params.key, ownerScope);
    const probe = contact && editProbe(contact, input.values, relations.account);
    const duplicates = probe && (await duplicateWarning(db, mapping, probe, ownerScope, body));
    // 409, as on the New form: nothing was written, and the user chooses.
    if (duplicates) return again(409, duplicates);
    const actor = requestActor(req, res);
    const alsoWrite = editedBy(mapping, actor.user.username, req.log);
    const outcome = await saveEdit(
      audit,
      actor,
      mapping,
      req.params.key,
      ownerScope,
      shown,
      input.values,
      alsoWrite,
      { account: accountEdit(relations, shown), owner: relations.owner },
    );
    switch (outcome.kind) {
      case 'not_found':
        throw new NotFoundError('This contact was deleted, so your changes could not be saved.');
      case 'conflict':
        return res
          .status(409)
          .render(
            'contacts/conflict',
            conflictView(outcome.current, outcome.plan, mapping.fields, outcome.alsoChanged),
          );
      case 'unchanged':
        setFlash(res, 'unchanged');
        return res.redirect(303, contactLinks({ key: req.params.key }).href);
      case 'saved': {
        // Given to someone else, the contact is no longer this user's to see.
        if (outcome.newOwner && ownerScope !== null && outcome.newOwner.id !== ownerScope) {
          setFlash(res, 'reassigned', [outcome.newOwner.name]);
          return res.redirect(303, '/contacts');
        }
        const kept = outcome.keptTheirs.map((field) => field.label);
        setFlash(res, kept.length > 0 ? 'merged' : 'saved', kept);
        return res.redirect(303, contactLinks({ key: req.params.key }).href);
      }
    }
  };
}
