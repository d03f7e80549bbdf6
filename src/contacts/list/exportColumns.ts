import { EXTERNAL_ID_COLUMN } from '../../connect/contactTable';
import { CONTACT_FIELDS, type ContactField } from '../../connect/contactFields';
import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { quoteIdentifier } from '../../db/identifiers';
import { ownerNameOf } from '../relatedRecords';
import { accountNameOf, canSortByAccount } from './accountOrder';
import { ACCOUNT_NAME } from './sql';

/** One column of the contact CSV: its header, and the SQL that fills it, named `as` in a row. */
export interface ExportColumn {
  header: string;
  sql: string;
  as: string;
}

/**
 * Salesforce's own field labels, as its reports and Data Loader's mapping show them, so a
 * person recognises each column and an import can match it by name.
 */
const HEADERS: Record<string, string> = {
  FirstName: 'First Name',
  LastName: 'Last Name',
  Title: 'Title',
  Email: 'Email',
  Phone: 'Phone',
  Department: 'Department',
  MobilePhone: 'Mobile Phone',
  MailingStreet: 'Mailing Street',
  MailingCity: 'Mailing City',
  MailingState: 'Mailing State/Province',
  MailingPostalCode: 'Mailing Zip/Postal Code',
  MailingCountry: 'Mailing Country',
  Description: 'Description',
};

// The columns a person looks for first; the card's other fields follow in its order.
const LEADING_FIELDS = ['FirstName', 'LastName', 'Title', 'Email', 'Phone'];

/**
 * The columns of the contact list's CSV on this mapping: only what Connect maps, every
 * identifier from the mapping's allow-list. Account and Owner come with the ids that link them.
 */
export function exportColumns(mapping: Mapping): ExportColumn[] {
  const has = (column: string) => mapping.columns.has(column);
  const column = (header: string, name: string) => ({
    header,
    sql: quoteIdentifier(name),
    as: name,
  });
  // A stable sort: the leading fields first, in their order, then the rest in the form's.
  const rank = (f: ContactField) => {
    const at = LEADING_FIELDS.indexOf(f.apiName);
    return at === -1 ? LEADING_FIELDS.length : at;
  };
  const fields = CONTACT_FIELDS.filter((f) => has(f.column)).sort((a, b) => rank(a) - rank(b));
  const columns: ExportColumn[] = [column('Salesforce Id', 'sfid')];
  if (mapping.hasExternalId) columns.push(column('External Id', EXTERNAL_ID_COLUMN));
  for (const f of fields) columns.push(column(HEADERS[f.apiName] ?? f.apiName, f.column));
  if (canSortByAccount(mapping)) {
    // Named as the sort by account's ORDER BY names it, so it is computed once per row.
    const name = accountNameOf(mapping, 'contact');
    columns.push({ header: 'Account', sql: name, as: ACCOUNT_NAME });
    columns.push(column('Account Id', ACCOUNT_ID_COLUMN));
  }
  if (mapping.owners) {
    columns.push({ header: 'Owner', sql: ownerNameOf(mapping, 'contact'), as: 'owner_name' });
    columns.push(column('Owner Id', OWNER_ID_COLUMN));
  }
  if (has('_hc_lastop')) columns.push(column('Sync State', '_hc_lastop'));
  return columns;
}
