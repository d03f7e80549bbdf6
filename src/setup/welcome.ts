import type { Mapping } from '../contacts/mapping';
import { CONTACT_FIELDS, EXTERNAL_ID_COLUMN } from '../contacts/fields';

export interface WelcomeView {
  title: string;
  schema: string;
  tablePresent: boolean;
  missingColumns: readonly string[];
  dashboardUrl: string | null;
  connectUrl: string | null;
  suggestedFields: string[];
}

/** The setup steps shown until Connect has created a usable `contact` table. */
export function welcomeView(mapping: Mapping, herokuAppName: string | undefined): WelcomeView {
  const app = herokuAppName ? encodeURIComponent(herokuAppName) : null;
  return {
    title: 'Connect Salesforce',
    schema: mapping.schema,
    tablePresent: mapping.tablePresent,
    missingColumns: mapping.missingRequired,
    dashboardUrl: app ? `https://dashboard.heroku.com/apps/${app}` : null,
    connectUrl: app ? `https://dashboard.heroku.com/apps/${app}/resources` : null,
    suggestedFields: [...CONTACT_FIELDS.map((f) => apiName(f.column)), apiName(EXTERNAL_ID_COLUMN)],
  };
}

const API_NAMES: Record<string, string> = {
  firstname: 'FirstName',
  lastname: 'LastName',
  title: 'Title',
  department: 'Department',
  email: 'Email',
  phone: 'Phone',
  mobilephone: 'MobilePhone',
  mailingstreet: 'MailingStreet',
  mailingcity: 'MailingCity',
  mailingstate: 'MailingState',
  mailingpostalcode: 'MailingPostalCode',
  mailingcountry: 'MailingCountry',
  description: 'Description',
  [EXTERNAL_ID_COLUMN]: 'External_Contact_Id__c',
};

function apiName(column: string): string {
  return API_NAMES[column] ?? column;
}
