import { ACCOUNT_FIELDS } from '../connect/accountFields';
import type { Mapping } from '../connect/mapping';
import type { OwnerScope } from '../connect/ownerScope';
import { ACCOUNT_ID_COLUMN } from '../connect/mappedObject';
import type { Database } from '../db/database';
import {
  accountByKey,
  accountsNamed,
  MAX_NAME_MATCHES,
  type AccountChoice,
} from '../connect/accountLookup';
import type { Contact, ContactValues } from './contact';
import { validateFields } from '../records/validation';

/** The form's one Account field, and the choice a re-shown form offers beneath it. */
export const ACCOUNT_FIELD = 'account';
export const ACCOUNT_CHOICE_FIELD = 'account_choice';
/** The choice that creates an account named as typed. */
export const NEW_ACCOUNT_CHOICE = 'new';

/** The form's shown values carry the account's name as shown and the key it stood for. */
export const SHOWN_ACCOUNT_KEY = 'account_key';

export function shownAccount(contact: Contact): ContactValues {
  return {
    [ACCOUNT_FIELD]: contact.account?.name ?? '',
    [SHOWN_ACCOUNT_KEY]: contact.account?.key ?? '',
  };
}

/** Whether a submitted card changed its Account field, or chose among accounts it offered. */
export function accountEdited(body: Record<string, unknown>, shown: ContactValues | null): boolean {
  const typed = body[ACCOUNT_FIELD];
  if (typeof typed !== 'string') return false;
  if (typeof body[ACCOUNT_CHOICE_FIELD] === 'string') return true;
  const was = shown?.[ACCOUNT_FIELD];
  return was === undefined || typed.trim() !== was.trim();
}

/** What the typed account name (or pasted key) comes to. */
export type AccountResolution =
  | { kind: 'none' }
  | { kind: 'existing'; account: AccountChoice }
  | { kind: 'new'; name: string }
  | { kind: 'choose'; typed: string; error: string; choices: AccountChoice[]; offerNew: boolean };

const NAME_FIELD = ACCOUNT_FIELDS.find((f) => f.column === 'name');

/**
 * Resolves the Account field as Salesforce's lookup would be filled in by hand: a key names its
 * account; a name used by exactly one account (ignoring case) is that account; several, or
 * none, re-show the form with the accounts to choose from, and for none the offer to create
 * one. A contact can point at an account without an sfid only through the relationship
 * External ID, so without that column such an account cannot be chosen yet.
 */
export async function resolveAccount(
  db: Database,
  mapping: Mapping,
  body: Record<string, unknown>,
  scope: OwnerScope,
): Promise<AccountResolution> {
  const typed = typeof body[ACCOUNT_FIELD] === 'string' ? body[ACCOUNT_FIELD].trim() : '';
  const choice = typeof body[ACCOUNT_CHOICE_FIELD] === 'string' ? body[ACCOUNT_CHOICE_FIELD] : '';
  if (typed === '') return { kind: 'none' };
  const offerNew = canCreate(mapping);
  if (choice === NEW_ACCOUNT_CHOICE && offerNew) return newAccount(typed);
  const chosen = choice === '' ? null : await accountByKey(db, mapping, choice, scope);
  const byKey = chosen ?? (await accountByKey(db, mapping, typed, scope));
  if (byKey) return linkable(mapping, byKey, typed);
  const named = await accountsNamed(db, mapping, typed, scope);
  const [only] = named;
  if (named.length === 1 && only) return linkable(mapping, only, typed);
  if (named.length > 1) {
    const many =
      named.length > MAX_NAME_MATCHES ? `More than ${MAX_NAME_MATCHES}` : `${named.length}`;
    const error = `${many} accounts are named “${typed}”. Choose one, or paste its Salesforce ID.`;
    return {
      kind: 'choose',
      typed,
      error,
      choices: named.slice(0, MAX_NAME_MATCHES),
      offerNew: false,
    };
  }
  const error = offerNew
    ? `No account is named “${typed}”. Check the name, or choose to create a new account.`
    : `No account is named “${typed}”. Check the name, or create the account in Salesforce first.`;
  return { kind: 'choose', typed, error, choices: [], offerNew };
}

/** A new account needs its External ID (so Connect cannot duplicate it) and the relationship. */
export function canCreate(mapping: Mapping): boolean {
  return mapping.account?.hasExternalId === true && mapping.accountRelationship !== null;
}

function newAccount(typed: string): AccountResolution {
  const checked = NAME_FIELD ? validateFields({ name: typed }, [NAME_FIELD]) : null;
  if (checked && !checked.ok) {
    const error = checked.errors.name ?? 'Enter a shorter account name.';
    return { kind: 'choose', typed, error, choices: [], offerNew: false };
  }
  return { kind: 'new', name: checked?.values.name ?? typed };
}

function linkable(mapping: Mapping, account: AccountChoice, typed: string): AccountResolution {
  if (account.sfid !== null || (account.externalId !== null && mapping.accountRelationship)) {
    return { kind: 'existing', account };
  }
  const error =
    `“${account.name}” has not reached Salesforce yet, and the Contact mapping has no ` +
    'relationship External ID field, so a contact can be linked to it only once it has an ' +
    'ID. Try again in a few minutes.';
  return { kind: 'choose', typed, error, choices: [], offerNew: false };
}

/**
 * The contact's lookup columns for a resolved account: the sfid when the account has one,
 * otherwise its External ID in the relationship column, which Salesforce resolves when Connect
 * sends the contact. The other column is cleared, so the two never disagree.
 */
export function accountLinkColumns(
  mapping: Mapping,
  link: { sfid: string | null; externalId: string | null } | null,
): ContactValues {
  const columns: ContactValues = { [ACCOUNT_ID_COLUMN]: link?.sfid ?? '' };
  const relationship = mapping.accountRelationship;
  if (relationship) columns[relationship] = link && !link.sfid ? (link.externalId ?? '') : '';
  return columns;
}
