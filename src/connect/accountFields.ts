import { field, type ContactField } from './contactFields';

/**
 * The Account fields the app knows, with Salesforce's limits (UTF-16 code units, as for
 * contacts). Which of them exist depends on the mapping; Name is required by Salesforce.
 */
export const ACCOUNT_FIELDS: readonly ContactField[] = [
  field('Name', 'Account name', 255, 'text', 'organization', true),
  field('Website', 'Website', 255, 'text', 'url'),
  field('Phone', 'Phone', 40, 'phone', 'tel'),
  field('Industry', 'Industry', 40),
  field('Type', 'Type', 40),
  field('BillingStreet', 'Billing street', 255, 'longtext', 'street-address'),
  field('BillingCity', 'Billing city', 40, 'text', 'address-level2'),
  field('BillingState', 'Billing state/province', 80, 'text', 'address-level1'),
  field('BillingPostalCode', 'Billing postal code', 20, 'text', 'postal-code'),
  field('BillingCountry', 'Billing country', 80, 'text', 'country-name'),
  field('Description', 'Description', 32_000, 'longtext'),
];
