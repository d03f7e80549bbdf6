import type { ContactField } from '../../connect/contactFields';
import { formFields, type FormField } from '../../records/formFields';
import { encodeShown, type FieldValues } from '../../records/shownValues';
import type { FieldErrors } from '../../records/validation';
import type { Account } from '../account';

/** The account page's edit form, as views/accounts/account.ejs shows it to editors. */
export interface AccountForm {
  formFields: FormField[];
  errorCount: number;
  /** The values the form shows, encoded, so the save can tell what the user changed. */
  shown: string;
}

/** A refused save: what the user typed, what was wrong, and what the form had shown. */
export interface SubmittedAccount {
  values: FieldValues;
  errors: FieldErrors;
  shown: FieldValues | null;
}

/**
 * After a refused save the form shows what the user typed over what it showed before, and
 * still carries those shown values: the next save merges from them, not from the row as it is
 * now, so a change someone made meanwhile is still noticed.
 */
export function accountForm(
  fields: readonly ContactField[],
  account: Account,
  submitted?: SubmittedAccount,
): AccountForm {
  const shown = { ...account.values, ...submitted?.shown };
  const errors = submitted?.errors ?? {};
  return {
    formFields: formFields(fields, { ...shown, ...submitted?.values }, errors),
    errorCount: Object.keys(errors).length,
    shown: encodeShown(shown),
  };
}
