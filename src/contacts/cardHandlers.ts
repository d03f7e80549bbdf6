import type { RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import type { TriggerLogEntry } from '../connect/triggerLog';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { readerTimeZone, requestActor } from '../web/signedInUser';
import { cardView, contactLinks } from './cardView';
import { readCard } from './cardRead';
import { CARD_ENTRIES, changedHereEntry } from './changedHere';
import { conflictView } from './conflictView';
import type { EditedBy } from './editedBy';
import { editedFields } from './editedFields';
import { NO_SUCH_CONTACT, requireContact } from './repository';
import { saveEdit } from './saveEdit';
import { decodeShown } from './shownValues';
import { validateContact } from './validation';

/**
 * Connect's write history of a contact row as the sync feature's partial shows it on the card.
 * Passed in, so this feature needs no sync internals.
 */
export type WriteHistoryView = (
  entries: TriggerLogEntry[],
  back: string,
  timeZone: string,
) => object;

export function showCard(
  db: Database,
  historyView: WriteHistoryView,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const card = await readCard(db, res.locals.mapping, req.params.key, CARD_ENTRIES);
    if (!card) throw new NotFoundError(NO_SUCH_CONTACT);
    const timeZone = readerTimeZone(res);
    const view = cardView(card.contact, res.locals.mapping.fields, timeZone);
    // Before sync the card lives at its external id; afterwards at its sfid. Old links follow.
    if (card.contact.key !== req.params.key) return res.redirect(302, view.links.href);
    res.render('contacts/card', {
      ...view,
      history: card.history && historyView(card.history, view.links.href, timeZone),
      changedHere: card.changedHere.map((entry) => changedHereEntry(entry, timeZone)),
    });
  };
}

/**
 * Validates only the fields the user changed, then merges them into the row as it is now: a
 * field the user left alone is neither checked nor written, whatever the form sent for it.
 */
export function saveCard(
  db: Database,
  audit: AuditLog,
  editedBy: EditedBy,
  secureCookies: boolean,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, unreadableFields } = res.locals;
    const body = req.body as Record<string, unknown>;
    const shown = decodeShown(body.shown);
    const edited = editedFields(body, mapping.fields, shown, unreadableFields);
    const input = validateContact(body, edited, unreadableFields);
    if (!input.ok) {
      const contact = await requireContact(db, mapping, req.params.key);
      const view = cardView(contact, mapping.fields, readerTimeZone(res), { ...input, shown });
      return res.status(422).render('contacts/card', view);
    }
    const actor = requestActor(req, res);
    const alsoWrite = editedBy(mapping, actor.user.username, req.log);
    const outcome = await saveEdit(
      audit,
      actor,
      mapping,
      req.params.key,
      shown,
      input.values,
      alsoWrite,
    );
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
