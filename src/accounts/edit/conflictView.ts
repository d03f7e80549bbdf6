import type { ContactField } from '../../connect/contactFields';
import { accountPath } from '../../connect/contactKey';
import { conflictChoices, type ConflictChoices } from '../../records/conflictChoices';
import type { MergePlan } from '../../records/merge';
import { encodeShown } from '../../records/shownValues';
import { isolated } from '../../web/isolated';
import type { Account } from '../account';

export interface AccountConflictView extends ConflictChoices {
  title: string;
  account: Account;
  href: string;
  /** The values the page compares against: the next save merges from these. */
  shown: string;
}

/** views/accounts/conflict.ejs: the fields both sides changed, each with its own choice. */
export function accountConflictView(
  current: Account,
  plan: MergePlan,
  fields: readonly ContactField[],
): AccountConflictView {
  return {
    title: `Changed meanwhile: ${isolated(current.name)}`,
    account: current,
    href: accountPath(current.key),
    ...conflictChoices(plan, fields),
    shown: encodeShown(current.values),
  };
}
