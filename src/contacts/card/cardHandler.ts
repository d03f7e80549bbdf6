import type { RequestHandler } from 'express';
import { duplicateRefusals, isDuplicateRefusal } from '../../connect/duplicateRefusal';
import type { TriggerLogEntry } from '../../connect/triggerLog';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../web/httpErrors';
import { readerTimeZone } from '../../web/signedInUser';
import { NO_SUCH_CONTACT } from '../contactRepository';
import { cardRelations, cardView } from './cardView';
import { readCard } from './cardRead';
import { CARD_ENTRIES, changedHereEntry } from '../../records/changedHere';

/**
 * Connect's write history of a contact row as the sync feature's partial shows it on the card.
 * Passed in, so this feature needs no sync internals.
 */
export type WriteHistoryView = (
  entries: TriggerLogEntry[],
  back: string,
  timeZone: string,
) => object;

/** `/contacts/:key`: the card with its edit form, write history and latest audit entries. */
export function showCard(
  db: Database,
  historyView: WriteHistoryView,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, ownerScope } = res.locals;
    const card = await readCard(db, mapping, req.params.key, ownerScope, {
      changedHereLimit: CARD_ENTRIES,
      withOwnerChoices: res.locals.can.edit,
    });
    if (!card) throw new NotFoundError(NO_SUCH_CONTACT);
    const timeZone = readerTimeZone(res);
    const relations = cardRelations(mapping, card.ownerChoices);
    const view = cardView(card.contact, mapping.fields, timeZone, undefined, relations);
    // Before sync the card lives at its external id; afterwards at its sfid. Old links follow.
    if (card.contact.key !== req.params.key) return res.redirect(302, view.links.href);
    const { rowId, syncError } = card.contact;
    // Refused by the duplicate rule: the card links to the contact it most likely matches.
    const duplicateRefusal = isDuplicateRefusal(syncError)
      ? (await duplicateRefusals(db, mapping, [rowId], ownerScope)).get(rowId)
      : undefined;
    res.render('contacts/card', {
      ...view,
      duplicateRefusal,
      history: card.history && historyView(card.history, view.links.href, timeZone),
      changedHere: card.changedHere.map((entry) => changedHereEntry(entry, timeZone)),
    });
  };
}
