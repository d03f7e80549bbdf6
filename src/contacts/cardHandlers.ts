import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { cardView, contactLinks } from './cardView';
import { conflictView } from './conflictView';
import { editedFields } from './editedFields';
import { requireContact } from './repository';
import { saveEdit } from './saveEdit';
import { decodeShown } from './shownValues';
import { validateContact } from './validation';

/**
 * Connect's write history of a contact row, rendered on its card by the sync feature's
 * partial, or null where there is none. Passed in, so this feature needs no sync internals.
 */
export type WriteHistory = (recordId: number, back: string) => Promise<object | null>;

export function showCard(
  db: Database,
  writeHistory: WriteHistory,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const contact = await requireContact(db, res.locals.mapping, req.params.key);
    const view = cardView(contact, res.locals.mapping.fields);
    // Before sync the card lives at its external id; afterwards at its sfid. Old links follow.
    if (contact.key !== req.params.key) return res.redirect(302, view.links.href);
    const history = await writeHistory(contact.rowId, view.links.href);
    res.render('contacts/card', { ...view, history });
  };
}

/**
 * Validates only the fields the user changed, then merges them into the row as it is now: a
 * field the user left alone is neither checked nor written, whatever the form sent for it.
 */
export function saveCard(db: Database, secureCookies: boolean): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, unreadableFields } = res.locals;
    const body = req.body as Record<string, unknown>;
    const shown = decodeShown(body.shown);
    const edited = editedFields(body, mapping.fields, shown, unreadableFields);
    const input = validateContact(body, edited, unreadableFields);
    if (!input.ok) {
      const contact = await requireContact(db, mapping, req.params.key);
      const view = cardView(contact, mapping.fields, { ...input, shown });
      return res.status(422).render('contacts/card', view);
    }
    const outcome = await saveEdit(db, mapping, req.params.key, shown, input.values);
    switch (outcome.kind) {
      case 'not_found':
        throw new NotFoundError('This contact was deleted, so your changes could not be saved.');
      case 'conflict':
        return res
          .status(409)
          .render('contacts/conflict', conflictView(outcome.current, outcome.plan, mapping.fields));
      case 'unchanged':
        setFlash(res, 'unchanged', secureCookies);
        return res.redirect(303, contactLinks({ key: req.params.key }).href);
      case 'saved': {
        const kept = outcome.keptTheirs.map((field) => field.label);
        setFlash(res, kept.length > 0 ? 'merged' : 'saved', secureCookies, kept);
        return res.redirect(303, contactLinks({ key: req.params.key }).href);
      }
    }
  };
}
