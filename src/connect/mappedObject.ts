import { qualified } from '../db/identifiers';

/**
 * A Salesforce object as Heroku Connect maps it: one table in the Connect schema, named by the
 * lower-cased object name, with the same system columns on every table (see contactTable.ts)
 * and the same triggers writing to one trigger log, where `table_name` tells the objects apart.
 * Contact, Account and User are three uses of this description, not three copies of the code.
 */
export interface MappedObject {
  /** The object's API name, as the mapping file and Salesforce's messages name it. */
  objectName: 'Contact' | 'Account' | 'User';
  /** Connect's table, and the trigger log's `table_name` for its writes. */
  table: string;
  /** The External ID the app sets on insert, Connect's upsert key; null when the app never inserts. */
  externalIdApiName: string | null;
  externalIdColumn: string | null;
  /** Columns without which the app cannot identify or name a record. */
  requiredColumns: readonly string[];
  /** The first three characters of the object's Salesforce ids. */
  keyPrefix: string;
  /** Whether the app writes to it, so its mapping must be read_write. */
  writable: boolean;
}

const object = (
  objectName: MappedObject['objectName'],
  keyPrefix: string,
  externalIdApiName: string | null,
  requiredColumns: readonly string[],
): MappedObject => ({
  objectName,
  table: objectName.toLowerCase(),
  externalIdApiName,
  externalIdColumn: externalIdApiName?.toLowerCase() ?? null,
  requiredColumns,
  keyPrefix,
  writable: externalIdApiName !== null,
});

export const CONTACT_OBJECT = object('Contact', '003', 'External_Contact_Id__c', [
  'id',
  'sfid',
  'lastname',
]);
export const ACCOUNT_OBJECT = object('Account', '001', 'External_Account_Id__c', [
  'id',
  'sfid',
  'name',
]);
/** Read-only: the app reads owners' names and never writes a user. */
export const USER_OBJECT = object('User', '005', null, ['id', 'sfid', 'name']);

/** The objects whose writes the app shows, retries and counts. */
export const WRITTEN_OBJECTS: readonly MappedObject[] = [CONTACT_OBJECT, ACCOUNT_OBJECT];

/** The object's table, schema-qualified and quoted (`"user"` is a reserved word). */
export function objectTable(object: Pick<MappedObject, 'table'>, schema: string): string {
  return qualified(schema, object.table);
}

/** The lookup fields on Contact and Account that name another record by its sfid. */
export const ACCOUNT_ID_COLUMN = 'accountid';
export const OWNER_ID_COLUMN = 'ownerid';
