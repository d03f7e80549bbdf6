import type { Database } from '../db/database';
import { ACCOUNT_FIELDS } from './accountFields';
import { CONTACT_FIELDS, type ContactField } from './contactFields';
import { EXTERNAL_ID_COLUMN, REQUIRED_COLUMNS, type MappedTable } from './contactTable';
import {
  ACCOUNT_ID_COLUMN,
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  OWNER_ID_COLUMN,
  USER_OBJECT,
  type MappedObject,
} from './mappedObject';
import { relationshipColumn } from './relationship';
import { triggerLogPresent } from './triggerLog';

/** What Connect has mapped of one more object than Contact: the columns the app may use. */
export interface ObjectMapping extends MappedTable {
  fields: readonly ContactField[];
}

/** What Connect has mapped for Contact: the app shows and writes only these columns. */
export interface Mapping extends MappedTable {
  tablePresent: boolean;
  fields: readonly ContactField[];
  missingRequired: readonly string[];
  /** Whether Connect's trigger log exists, so the write history can be read. */
  triggerLog: boolean;
  /**
   * Account, when its table has every required column; null means no account pages and no
   * Account field on the contact form.
   */
  account: ObjectMapping | null;
  /** Whether contacts can name their account: Contact.AccountId is mapped and so is Account. */
  accountLinks: boolean;
  /**
   * Contact's relationship External ID column (see relationship.ts), which lets a contact point
   * at an account Salesforce has not given an sfid yet; null when it is not mapped.
   */
  accountRelationship: string | null;
  /** Whether Contact.OwnerId is mapped, so owners can be shown, filtered and set. */
  owners: boolean;
  /** Whether User is mapped (read-only), so owners show by name rather than by id. */
  userNames: boolean;
  /** User's mapped columns; `isactive` says who may own records (Salesforce refuses others). */
  userColumns: ReadonlySet<string>;
}

/** Connect creates only the mapped columns, so `information_schema` says what is mapped. */
export async function readMapping(db: Database, schema: string): Promise<Mapping> {
  // The trigger log is looked for here, so a request asks only when the mapping is re-read.
  const [result, triggerLog] = await Promise.all([
    db.query<{ table_name: string; column_name: string; character_maximum_length: number | null }>(
      `SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = ANY($2::text[])`,
      [schema, [CONTACT_OBJECT.table, ACCOUNT_OBJECT.table, USER_OBJECT.table]],
    ),
    triggerLogPresent(db, schema),
  ]);
  const lengthsOf = (object: MappedObject) =>
    new Map(
      result.rows
        .filter((row) => row.table_name === object.table)
        .map((row) => [row.column_name, row.character_maximum_length]),
    );
  const contact = lengthsOf(CONTACT_OBJECT);
  const columns = new Set(contact.keys());
  const account = objectMapping(schema, ACCOUNT_OBJECT, ACCOUNT_FIELDS, lengthsOf(ACCOUNT_OBJECT));
  const users = lengthsOf(USER_OBJECT);
  return {
    schema,
    tablePresent: columns.size > 0,
    columns,
    fields: mappedFields(CONTACT_FIELDS, contact),
    missingRequired: REQUIRED_COLUMNS.filter((c) => !columns.has(c)),
    hasExternalId: columns.has(EXTERNAL_ID_COLUMN),
    triggerLog,
    account,
    accountLinks: account !== null && columns.has(ACCOUNT_ID_COLUMN),
    accountRelationship:
      account?.hasExternalId && columns.has(ACCOUNT_ID_COLUMN)
        ? relationshipColumn(columns, ACCOUNT_OBJECT)
        : null,
    owners: columns.has(OWNER_ID_COLUMN),
    userNames: USER_OBJECT.requiredColumns.every((c) => users.has(c)),
    userColumns: new Set(users.keys()),
  };
}

function objectMapping(
  schema: string,
  object: MappedObject,
  known: readonly ContactField[],
  lengths: ReadonlyMap<string, number | null>,
): ObjectMapping | null {
  if (!object.requiredColumns.every((c) => lengths.has(c))) return null;
  const columns = new Set(lengths.keys());
  return {
    schema,
    columns,
    fields: mappedFields(known, lengths),
    hasExternalId: object.externalIdColumn !== null && columns.has(object.externalIdColumn),
  };
}

function mappedFields(
  known: readonly ContactField[],
  lengths: ReadonlyMap<string, number | null>,
): ContactField[] {
  return known
    .filter((f) => lengths.has(f.column))
    .map((f) =>
      // A column narrower than Salesforce's limit would reject the write; honour the stricter one.
      ({ ...f, maxLength: Math.min(f.maxLength, lengths.get(f.column) ?? f.maxLength) }),
    );
}

/** Whether the app can show contacts: the table exists with every column it needs. */
export function isUsable(mapping: Mapping): boolean {
  return mapping.tablePresent && mapping.missingRequired.length === 0;
}

/** The objects whose writes the app makes, shows and retries: contacts, and accounts if mapped. */
export function writtenObjects(mapping: Pick<Mapping, 'account'>): MappedObject[] {
  return mapping.account ? [CONTACT_OBJECT, ACCOUNT_OBJECT] : [CONTACT_OBJECT];
}
