import type { OwnChange } from '../../records/conflictChoices';
import { ACCOUNT_CHOICE_FIELD, ACCOUNT_FIELD, NEW_ACCOUNT_CHOICE } from '../accountField';
import type { ChosenAccount } from '../accountLinking';
import type { OwnerChoice } from '../owners';
import { OWNER_FIELD } from './ownerMerge';

/**
 * A new account or owner that did not clash, as the conflict page carries it: posted again
 * with the user's choices, so a clash elsewhere never drops it. An account goes by its key,
 * which finds exactly it; a new one by its name with the choice to create it.
 */
export function relationChanges(
  account: ChosenAccount | null,
  owner: OwnerChoice | null,
): OwnChange[] {
  const changes: OwnChange[] = [];
  if (account) changes.push(accountChange(account));
  if (owner)
    changes.push({ column: OWNER_FIELD, label: 'Owner', value: owner.id, text: owner.name });
  return changes;
}

function accountChange(account: ChosenAccount): OwnChange {
  const change = { column: ACCOUNT_FIELD, label: 'Account' };
  if (account.kind === 'none') return { ...change, value: '' };
  if (account.kind === 'existing') {
    return { ...change, value: account.account.key, text: account.account.name };
  }
  return {
    ...change,
    value: account.name,
    text: `${account.name} (new account)`,
    also: { [ACCOUNT_CHOICE_FIELD]: NEW_ACCOUNT_CHOICE },
  };
}
