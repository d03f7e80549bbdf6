/**
 * The Contact fields the app knows, with Salesforce's own limits. Column names are Connect's:
 * the lower-cased API names. Which of them exist depends on the mapping.
 */
export type FieldKind = 'text' | 'email' | 'phone' | 'longtext';

export interface ContactField {
  column: string;
  /** Salesforce's API name, as an admin ticks it in the Connect mapping. */
  apiName: string;
  label: string;
  /**
   * Salesforce's limit in UTF-16 code units (see salesforceText.ts): the server checks it and
   * the form's `maxlength`, which browsers count in the same units, is this number.
   */
  maxLength: number;
  kind: FieldKind;
  required: boolean;
  autocomplete: string;
}

/** One field of a mapped object; Account's fields (accountFields.ts) use the same shape. */
export const field = (
  apiName: string,
  label: string,
  maxLength: number,
  kind: FieldKind = 'text',
  autocomplete = 'off',
  required = false,
): ContactField => ({
  column: apiName.toLowerCase(),
  apiName,
  label,
  maxLength,
  kind,
  required,
  autocomplete,
});

/** Editable fields in form order. `name` is Salesforce's read-only compound and never written. */
export const CONTACT_FIELDS: readonly ContactField[] = [
  field('FirstName', 'First name', 40, 'text', 'given-name'),
  field('LastName', 'Last name', 80, 'text', 'family-name', true),
  field('Title', 'Title', 128, 'text', 'organization-title'),
  field('Department', 'Department', 80),
  field('Email', 'Email', 80, 'email', 'email'),
  field('Phone', 'Phone', 40, 'phone', 'tel'),
  field('MobilePhone', 'Mobile', 40, 'phone', 'tel'),
  field('MailingStreet', 'Street', 255, 'longtext', 'street-address'),
  field('MailingCity', 'City', 40, 'text', 'address-level2'),
  field('MailingState', 'State/Province', 80, 'text', 'address-level1'),
  field('MailingPostalCode', 'Postal code', 20, 'text', 'postal-code'),
  field('MailingCountry', 'Country', 80, 'text', 'country-name'),
  field('Description', 'Description', 32_000, 'longtext'),
];
