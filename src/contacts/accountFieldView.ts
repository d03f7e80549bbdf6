import { accountPath } from '../connect/contactKey';
import {
  ACCOUNT_CHOICE_FIELD,
  ACCOUNT_FIELD,
  NEW_ACCOUNT_CHOICE,
  type AccountResolution,
} from './accountField';

/** The Account field as a form shows it: the typed text, and what to choose when it is unclear. */
export interface AccountFormField {
  name: typeof ACCOUNT_FIELD;
  choiceName: typeof ACCOUNT_CHOICE_FIELD;
  value: string;
  error: string | null;
  choices: { value: string; label: string; detail: string; href: string }[];
  /** The radio button that creates an account named as typed, or null. */
  newChoice: { value: string; label: string } | null;
}

export function accountFormOf(
  body: Record<string, unknown>,
  resolution: AccountResolution | null,
): AccountFormField {
  const typed = typeof body[ACCOUNT_FIELD] === 'string' ? body[ACCOUNT_FIELD].trim() : '';
  return blankAccountField(
    typed,
    resolution?.kind === 'choose'
      ? {
          error: resolution.error,
          choices: resolution.choices.map((account) => ({
            value: account.key,
            label: account.name,
            detail: [account.billingCity, account.key].filter((part) => part !== '').join(' · '),
            href: accountPath(account.key),
          })),
          newChoice: resolution.offerNew
            ? { value: NEW_ACCOUNT_CHOICE, label: `Create a new account named “${typed}”` }
            : null,
        }
      : {},
  );
}

export function blankAccountField(
  value: string,
  more: Partial<Pick<AccountFormField, 'error' | 'choices' | 'newChoice'>> = {},
): AccountFormField {
  return {
    name: ACCOUNT_FIELD,
    choiceName: ACCOUNT_CHOICE_FIELD,
    value,
    error: more.error ?? null,
    choices: more.choices ?? [],
    newChoice: more.newChoice ?? null,
  };
}
