/**
 * The Contact fields the app knows, with Salesforce's own limits. Column names are Connect's:
 * the lower-cased API names. Which of them exist depends on the mapping (see mapping.ts).
 */
export type FieldKind = 'text' | 'email' | 'phone' | 'longtext';

export interface ContactField {
  column: string;
  label: string;
  maxLength: number;
  kind: FieldKind;
  required: boolean;
  autocomplete: string;
}

const field = (
  column: string,
  label: string,
  maxLength: number,
  kind: FieldKind = 'text',
  autocomplete = 'off',
): ContactField => ({
  column,
  label,
  maxLength,
  kind,
  required: column === 'lastname',
  autocomplete,
});

/** Editable fields in form order. `name` is Salesforce's read-only compound and never written. */
export const CONTACT_FIELDS: readonly ContactField[] = [
  field('firstname', 'First name', 40, 'text', 'given-name'),
  field('lastname', 'Last name', 80, 'text', 'family-name'),
  field('title', 'Title', 128, 'text', 'organization-title'),
  field('department', 'Department', 80),
  field('email', 'Email', 80, 'email', 'email'),
  field('phone', 'Phone', 40, 'phone', 'tel'),
  field('mobilephone', 'Mobile', 40, 'phone', 'tel'),
  field('mailingstreet', 'Street', 255, 'longtext', 'street-address'),
  field('mailingcity', 'City', 40, 'text', 'address-level2'),
  field('mailingstate', 'State/Province', 80, 'text', 'address-level1'),
  field('mailingpostalcode', 'Postal code', 20, 'text', 'postal-code'),
  field('mailingcountry', 'Country', 80, 'text', 'country-name'),
  field('description', 'Description', 32_000, 'longtext'),
];

/** Connect's system columns and the External ID: read, never written by an edit. */
export const SYSTEM_COLUMNS = [
  'id',
  'sfid',
  'name',
  'systemmodstamp',
  'createddate',
  'isdeleted',
  '_hc_lastop',
  '_hc_err',
] as const;

export const EXTERNAL_ID_COLUMN = 'external_contact_id__c';

/** Without these the app cannot identify or name a contact. */
export const REQUIRED_COLUMNS = ['id', 'sfid', 'lastname'] as const;
