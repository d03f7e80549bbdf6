import { field, type ContactField } from '../../connect/contactFields';
import type { Contact } from '../contact';
import type { OwnerChoice } from '../owners';
import type { FieldConflict } from '../../records/merge';

/** A new owner chosen on the card, with the owner the form showed. */
export interface OwnerEdit {
  target: OwnerChoice;
  /** The owner id the form showed ('' for none); null when the form did not say. */
  shownId: string | null;
}

/** The card's Owner menu, as the conflict page posts it back: a user id. */
export const OWNER_FIELD = 'owner';
const OWNER_CONFLICT_FIELD: ContactField = field('Owner', 'Owner', 18);

/**
 * The owner half of the three-way merge: a new owner is written only if nobody else changed the
 * owner since the form was shown; the conflict page then offers both, by name. Choosing the
 * current owner writes nothing.
 */
export function planOwner(
  current: Contact,
  edit: OwnerEdit | null,
): { target: OwnerChoice | null; conflict: FieldConflict | null } {
  if (!edit) return { target: null, conflict: null };
  const currentId = current.owner?.id ?? '';
  if (edit.target.id === currentId) return { target: null, conflict: null };
  if (edit.shownId !== null && edit.shownId !== currentId) {
    const theirs = current.owner?.name ?? currentId;
    const conflict: FieldConflict = {
      field: OWNER_CONFLICT_FIELD,
      was: edit.shownId,
      mine: edit.target.id,
      theirs: currentId,
      shownAs: { was: null, mine: edit.target.name, theirs },
    };
    return { target: null, conflict };
  }
  return { target: edit.target, conflict: null };
}
