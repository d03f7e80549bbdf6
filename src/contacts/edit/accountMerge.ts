import { field, type ContactField } from '../../connect/contactFields';
import type { ChosenAccount } from '../accountLinking';
import type { Contact } from '../contact';
import { isAccount } from '../relatedRecords';
import type { FieldConflict } from '../../records/merge';

/** A change of the card's Account field, with what the form showed for it. */
export interface AccountEdit {
  target: ChosenAccount;
  /** The key of the account the form showed ('' for none); null when the form did not say. */
  shownKey: string | null;
  shownName: string | null;
}

/** The Account field as the conflict page offers it: posted back as the form's `account`. */
const ACCOUNT_CONFLICT_FIELD: ContactField = field(
  'Account',
  'Account',
  255,
  'text',
  'organization',
);

/**
 * The account half of the three-way merge: like any field, a new account is written only if
 * nobody changed the contact's account since the form was shown; otherwise the user chooses.
 * Choosing the account it already has writes nothing.
 */
export function planAccount(
  current: Contact,
  edit: AccountEdit | null,
): { target: ChosenAccount | null; conflict: FieldConflict | null } {
  if (!edit) return { target: null, conflict: null };
  const { target } = edit;
  const already =
    target.kind === 'none'
      ? current.account === null
      : target.kind === 'existing' && isAccount(current.account, target.account.key);
  if (already) return { target: null, conflict: null };
  if (edit.shownKey !== null && !isAccount(current.account, edit.shownKey)) {
    const mine =
      target.kind === 'none' ? '' : target.kind === 'new' ? target.name : target.account.name;
    const theirs = current.account?.name ?? '';
    return {
      target: null,
      conflict: { field: ACCOUNT_CONFLICT_FIELD, was: edit.shownName, mine, theirs },
    };
  }
  return { target, conflict: null };
}
