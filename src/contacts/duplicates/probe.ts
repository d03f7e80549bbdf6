import type { DuplicateProbe } from '../../connect/duplicateContacts';
import type { AccountResolution } from '../accountField';
import type { ChosenAccount } from '../accountLinking';
import type { Contact, ContactValues } from '../contact';

/**
 * What a new contact is compared by. A new account has no contacts yet, and no account at all
 * leaves only the email to compare (see duplicateContacts.ts).
 */
export function probeOf(values: ContactValues, account: ChosenAccount): DuplicateProbe {
  return {
    email: values.email ?? '',
    firstname: values.firstname ?? '',
    lastname: values.lastname ?? '',
    account: account.kind === 'existing' ? account.account : null,
    self: null,
  };
}

/**
 * What an edited contact is compared by, or null when the edit changed neither its email, its
 * name nor its account. Only what changed is compared: an email it already shared with another
 * contact was warned about (or chosen) before, and is not news on a change of title.
 */
export function editProbe(
  contact: Contact,
  edited: ContactValues,
  account: AccountResolution | null,
): DuplicateProbe | null {
  const emailChanged = edited.email !== undefined;
  const nameChanged = edited.firstname !== undefined || edited.lastname !== undefined;
  const accountChanged = account !== null;
  if (!emailChanged && !nameChanged && !accountChanged) return null;
  const now = { ...contact.values, ...edited };
  const linked =
    account === null ? contact.account : account.kind === 'existing' ? account.account : null;
  return {
    email: emailChanged ? (now.email ?? '') : '',
    firstname: now.firstname ?? '',
    lastname: now.lastname ?? '',
    account: nameChanged || accountChanged ? linked : null,
    self: contact.rowId,
  };
}
