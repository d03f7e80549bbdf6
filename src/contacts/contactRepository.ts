import type { Database, Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { parseKey, type KeyLookup } from '../connect/contactKey';
import { contactTable, keyCondition, notDeleted } from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';
import { NotFoundError } from '../web/httpErrors';
import { toContact, type Contact, type ContactRow, type ContactValues } from './contact';
import { contactColumns } from './contactSql';

export async function findContact(
  db: Database,
  mapping: Mapping,
  key: string,
): Promise<Contact | null> {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const result = await db.query<ContactRow>(selectContact(mapping, lookup), [lookup.value]);
  return firstContact(result.rows, mapping);
}

/**
 * The contact, locked until the transaction ends: a save or delete decides on what the row
 * holds and writes it before anyone else can change it (Connect's own writes wait too).
 */
export async function lockContact(
  client: Queryable,
  mapping: Mapping,
  key: string,
): Promise<Contact | null> {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const result = await client.query<ContactRow>(`${selectContact(mapping, lookup)} FOR UPDATE`, [
    lookup.value,
  ]);
  return firstContact(result.rows, mapping);
}

function selectContact(mapping: Mapping, lookup: KeyLookup): string {
  return `SELECT ${contactColumns(mapping)} FROM ${contactTable(mapping)}
           WHERE ${keyCondition(mapping, lookup)} AND ${notDeleted(mapping)} LIMIT 1`;
}

function firstContact(rows: ContactRow[], mapping: Mapping): Contact | null {
  const row = rows[0];
  return row ? toContact(row, mapping) : null;
}

export const NO_SUCH_CONTACT = 'No contact has this key. It may have been deleted.';

/** The contact a URL names, or the 404 page that says it is gone. */
export async function requireContact(
  db: Database,
  mapping: Mapping,
  key: string,
): Promise<Contact> {
  const contact = await findContact(db, mapping, key);
  if (!contact) throw new NotFoundError(NO_SUCH_CONTACT);
  return contact;
}

/**
 * Writes just these columns of a row the transaction has locked: Connect logs exactly the
 * changed columns and sends only them to Salesforce, so no other field is overwritten there.
 */
export async function updateRow(
  client: Queryable,
  mapping: Mapping,
  rowId: number,
  values: ContactValues,
): Promise<void> {
  const columns = Object.keys(values);
  const assignments = columns.map((column, i) => `${quoteIdentifier(column)} = $${i + 2}`);
  await client.query(
    `UPDATE ${contactTable(mapping)} SET ${assignments.join(', ')} WHERE id = $1`,
    [rowId, ...columns.map((column) => values[column] || null)],
  );
}

/** Connect captures the DELETE and deletes the record in Salesforce too. */
export async function deleteRow(client: Queryable, mapping: Mapping, rowId: number): Promise<void> {
  await client.query(`DELETE FROM ${contactTable(mapping)} WHERE id = $1`, [rowId]);
}
