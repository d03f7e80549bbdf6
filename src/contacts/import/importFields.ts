import type { ContactField } from '../../connect/contactFields';
import type { Mapping } from '../../connect/mapping';

/** The column that names a row's account by name: not a contact column, resolved on write. */
export const ACCOUNT_TARGET = 'account';
/** The column that names an existing contact (its Salesforce Id or External ID) to update. */
export const KEY_TARGET = 'key';

/** Something a CSV column can fill. `value` is what the column choice posts. */
export interface ImportTarget {
  value: string;
  label: string;
  /** Normalised header spellings that mean it (see normaliseHeader). */
  spellings: readonly string[];
}

/** Spellings people and other tools give each field's column, beyond its label and API name. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  firstname: ['first', 'givenname', 'forename'],
  lastname: ['last', 'surname', 'familyname'],
  email: ['emailaddress', 'mail', 'emailid'],
  phone: ['telephone', 'phonenumber', 'businessphone', 'workphone', 'tel'],
  mobilephone: ['mobile', 'cell', 'cellphone', 'mobilenumber'],
  title: ['jobtitle', 'position'],
  department: ['dept'],
  mailingstreet: ['street', 'address', 'streetaddress'],
  mailingcity: ['city', 'town'],
  mailingstate: ['state', 'province', 'region', 'stateprovince'],
  mailingpostalcode: ['postalcode', 'zip', 'zipcode', 'postcode'],
  mailingcountry: ['country'],
  description: ['notes', 'note', 'comments'],
  [ACCOUNT_TARGET]: ['accountname', 'company', 'companyname', 'organization', 'organisation'],
  [KEY_TARGET]: ['id', 'contactid', 'salesforceid', 'externalid', 'externalcontactidc', 'sfid'],
};

/** "E-mail Address", "email_address" and "EmailAddress" are all "emailaddress". */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function target(value: string, label: string, extra: readonly string[]): ImportTarget {
  const spellings = [value, label, ...extra, ...(SYNONYMS[value] ?? [])].map(normaliseHeader);
  return { value, label, spellings: [...new Set(spellings)] };
}

/**
 * What this mapping lets an import fill: the mapped contact fields, the account by name where
 * contacts can be linked to accounts, and the contact's key for updates.
 */
export function importTargets(mapping: Mapping): ImportTarget[] {
  const fields = mapping.fields.map((field: ContactField) =>
    target(field.column, field.label, [field.apiName]),
  );
  const account = mapping.accountLinks ? [target(ACCOUNT_TARGET, 'Account name', [])] : [];
  return [
    ...fields,
    ...account,
    target(KEY_TARGET, 'Contact ID (Salesforce Id or External ID), to update', []),
  ];
}

/**
 * Each header's target by its spelling, or '' for none. A target goes to its first column only:
 * two "Email" columns would otherwise fight over one field.
 */
export function matchHeader(header: readonly string[], targets: readonly ImportTarget[]): string[] {
  const taken = new Set<string>();
  return header.map((name) => {
    const spelled = normaliseHeader(name);
    const found = targets.find((t) => !taken.has(t.value) && t.spellings.includes(spelled));
    if (!found) return '';
    taken.add(found.value);
    return found.value;
  });
}

/**
 * The user's corrections, checked: each column's choice must be a target of this mapping, and
 * no target may be chosen twice. Returns the columns or a message saying what to fix.
 */
export function checkedColumns(
  chosen: readonly unknown[],
  width: number,
  targets: readonly ImportTarget[],
): { columns: string[] } | { error: string } {
  const allowed = new Set(targets.map((t) => t.value));
  const columns = Array.from({ length: width }, (_, i) => {
    const value = chosen[i];
    return typeof value === 'string' && allowed.has(value) ? value : '';
  });
  const twice = targets.find((t) => columns.filter((c) => c === t.value).length > 1);
  if (twice) return { error: `${twice.label} is chosen for more than one column: choose it once.` };
  return { columns };
}
