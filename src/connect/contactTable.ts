import { qualified, quoteIdentifier } from '../db/identifiers';
import type { KeyLookup } from './contactKey';

/** The table Connect creates for the Contact mapping, in the schema chosen at setup. */
export const CONTACT_TABLE = 'contact';

/**
 * Columns Connect and Salesforce own: the app reads them and never writes them, and a write
 * that changes only these is Connect's own, not one to send to Salesforce.
 */
export const SYSTEM_COLUMNS = [
  'id',
  'sfid',
  'systemmodstamp',
  'createddate',
  'isdeleted',
  '_hc_lastop',
  '_hc_err',
] as const;

/**
 * The Salesforce fields behind the system columns, as a Connect mapping names them (`Id` is
 * stored as `sfid`). `_hc_lastop` and `_hc_err` are Connect's own and map to no field.
 */
export const SYSTEM_FIELDS = ['Id', 'IsDeleted', 'SystemModstamp', 'CreatedDate'] as const;

/** Salesforce's compound Full Name: read-only, recomputed by Salesforce from first and last name. */
export const FULL_NAME_API_NAME = 'Name';
export const FULL_NAME_COLUMN = FULL_NAME_API_NAME.toLowerCase();

/** The External ID the app sets on insert; Connect upserts by it, so no insert is duplicated. */
export const EXTERNAL_ID_API_NAME = 'External_Contact_Id__c';
export const EXTERNAL_ID_COLUMN = EXTERNAL_ID_API_NAME.toLowerCase();

/** Without these the app cannot identify or name a contact. */
export const REQUIRED_COLUMNS = ['id', 'sfid', 'lastname'] as const;

/**
 * What the SQL fragments below read of a Mapping (see mapping.ts, which builds one from these
 * names). Spelled out here so mapping.ts can import this file without a cycle.
 */
export interface MappedTable {
  schema: string;
  columns: ReadonlySet<string>;
  hasExternalId: boolean;
}

/** SQL fragments built from the mapping's allow-list of columns; input never becomes SQL. */
export function contactTable(mapping: Pick<MappedTable, 'schema'>): string {
  return qualified(mapping.schema, CONTACT_TABLE);
}

/** A mapped column, or a typed NULL under the same name when the mapping leaves it out. */
export function optionalColumn(mapping: MappedTable, column: string, type: string, alias = column) {
  const source = mapping.columns.has(column) ? quoteIdentifier(column) : `NULL::${type}`;
  return `${source} AS ${quoteIdentifier(alias)}`;
}

/** WHERE clause finding one contact by its URL key; `$1` is the key's value. */
export function keyCondition(mapping: MappedTable, lookup: KeyLookup): string {
  if (lookup.by === 'id') return 'id = $1';
  return mapping.hasExternalId
    ? `(sfid = $1 OR ${quoteIdentifier(EXTERNAL_ID_COLUMN)} = $1)`
    : 'sfid = $1';
}

/** Salesforce soft-deletes into `isdeleted`; such rows are not shown. */
export function notDeleted(mapping: MappedTable): string {
  return mapping.columns.has('isdeleted') ? 'isdeleted IS NOT TRUE' : 'TRUE';
}
