import type { ContactField } from '../../connect/contactFields';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import type { Database } from '../../db/database';
import type { FieldValues } from '../../records/shownValues';
import { validateFields, type FieldErrors } from '../../records/validation';
import { firstString } from '../../web/queryString';
import { ACCOUNT_FIELD, resolveAccount, type AccountResolution } from '../accountField';
import type { ChosenAccount } from '../accountLinking';
import { OWNER_FIELD } from '../edit/ownerMerge';
import { activeOwner, canReassign, type OwnerChoice } from '../owners';

/** The fields a mass edit can set: the same value on many contacts makes sense for these. */
const SETTABLE_API_NAMES = [
  'Title',
  'Department',
  'MailingStreet',
  'MailingCity',
  'MailingState',
  'MailingPostalCode',
  'MailingCountry',
];

/** The form's checkboxes, one per field, each named `change` with the field's column as value. */
export const CHANGE_FIELD = 'change';

export function settableFields(mapping: Mapping): ContactField[] {
  return mapping.fields.filter((field) => SETTABLE_API_NAMES.includes(field.apiName));
}

/** Whether the form offers Account: contacts can name accounts on this mapping. */
export function offersAccount(mapping: Mapping): boolean {
  return mapping.accountLinks && mapping.account !== null;
}

/** What a mass edit sets on every row: only what was ticked. An empty field value clears it. */
export interface MassEdit {
  fields: readonly ContactField[];
  values: FieldValues;
  account: ChosenAccount | null;
  owner: OwnerChoice | null;
}

/** The form as sent, to show it again: what was ticked and typed. */
export interface MassEditTyped {
  ticked: ReadonlySet<string>;
  values: FieldValues;
  ownerId: string;
}

export type MassEditInput =
  | { ok: true; edit: MassEdit; typed: MassEditTyped }
  | {
      ok: false;
      typed: MassEditTyped;
      /** Why nothing was set, for the form's top, when nothing was ticked. */
      problem: string | null;
      errors: FieldErrors;
      account: AccountResolution | null;
    };

export const NOTHING_TICKED =
  'Tick “Change” beside at least one field. Only ticked fields are set; nothing was changed.';

/**
 * Reads the mass-edit form: a field counts only when its “Change” box is ticked, so an empty
 * value clears the field when asked to and is ignored otherwise. Values are checked with the
 * contact form's Salesforce rules; the account is found (or offered for creation) as the
 * card's Account field does, and the owner must be an active user.
 */
export async function readMassEdit(
  db: Database,
  mapping: Mapping,
  body: Record<string, unknown>,
  scope: OwnerScope,
  unreadable: ReadonlySet<string>,
): Promise<MassEditInput> {
  const sent = body[CHANGE_FIELD];
  const ticked = new Set(
    (Array.isArray(sent) ? sent : [sent]).filter(
      (value): value is string => typeof value === 'string',
    ),
  );
  const fields = settableFields(mapping).filter((field) => ticked.has(field.column));
  const checked = validateFields(body, fields, unreadable);
  const ownerId = firstString(body[OWNER_FIELD]).trim();
  const typed = { ticked, values: checked.typed, ownerId };
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };

  const wantsAccount = offersAccount(mapping) && ticked.has(ACCOUNT_FIELD);
  const account = wantsAccount ? await resolveAccount(db, mapping, body, scope) : null;
  if (account?.kind === 'choose') errors[ACCOUNT_FIELD] = account.error;

  const wantsOwner = canReassign(mapping) && ticked.has(OWNER_FIELD);
  const owner = wantsOwner && ownerId !== '' ? await activeOwner(db, mapping, ownerId) : null;
  if (wantsOwner && !owner) {
    errors[OWNER_FIELD] =
      ownerId === ''
        ? 'Choose the new owner: Salesforce requires every contact to have one.'
        : 'Choose an active user as the owner: Salesforce refuses inactive or unknown ones.';
  }

  if (fields.length === 0 && !wantsAccount && !wantsOwner) {
    return { ok: false, typed, problem: NOTHING_TICKED, errors, account };
  }
  if (Object.keys(errors).length > 0 || account?.kind === 'choose' || !checked.ok) {
    return { ok: false, typed, problem: null, errors, account };
  }
  return {
    ok: true,
    typed,
    edit: { fields, values: checked.values, account: account, owner },
  };
}
