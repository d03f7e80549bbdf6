import type { Database, Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { parseKey } from '../connect/contactKey';
import {
  contactTable,
  EXTERNAL_ID_COLUMN,
  FULL_NAME_COLUMN,
  keyCondition,
  notDeleted,
  optionalColumn,
} from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';
import { appendParam, ownedBy, type OwnerScope } from '../connect/ownerScope';
import { NotFoundError } from '../web/httpErrors';
import { relatedColumns } from './relatedRecords';
import { toContact, type Contact, type ContactRow, type ContactValues } from './contact';

/**
 * Every statement on Connect's contact table but the list's (contacts/list/queries.ts). Every
 * identifier comes from the mapping's allow-list; user input only ever travels as a parameter.
 */

/** Everything a card shows, as toContact() reads it. */
function contactColumns(mapping: Mapping): string {
  return [
    'id',
    'sfid',
    optionalColumn(mapping, EXTERNAL_ID_COLUMN, 'text', 'external_id'),
    optionalColumn(mapping, FULL_NAME_COLUMN, 'text'),
    optionalColumn(mapping, '_hc_lastop', 'text'),
    optionalColumn(mapping, '_hc_err', 'text'),
    optionalColumn(mapping, 'systemmodstamp', 'timestamp'),
    ...mapping.fields.map((f) => quoteIdentifier(f.column)),
    ...relatedColumns(mapping, 'contact'),
  ].join(', ');
}

/** Select-list items a lookup returns besides the contact, with their parameters ($2 on). */
export interface AlsoSelect {
  columns: string[];
  params: unknown[];
}

/**
 * The one lookup of the contact a URL's key names, as `contact`: a soft-deleted row is not
 * found, nor one outside the request's OwnerScope. Null for a key that cannot name a contact,
 * which never reaches the database.
 */
export function contactByKey(
  mapping: Mapping,
  key: string,
  scope: OwnerScope,
  also: AlsoSelect = { columns: [], params: [] },
): { text: string; params: unknown[] } | null {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const params = [lookup.value, ...also.params];
  const owned = ownedBy(scope, appendParam(params), 'contact');
  return {
    text: `SELECT ${[contactColumns(mapping), ...also.columns].join(', ')}
             FROM ${contactTable(mapping)} AS contact
            WHERE ${keyCondition(mapping, lookup)} AND ${notDeleted(mapping)} AND ${owned}
            LIMIT 1`,
    params,
  };
}

export async function findContact(
  db: Database,
  mapping: Mapping,
  key: string,
  scope: OwnerScope,
): Promise<Contact | null> {
  const statement = contactByKey(mapping, key, scope);
  if (!statement) return null;
  const result = await db.query<ContactRow>(statement.text, statement.params);
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
  scope: OwnerScope,
): Promise<Contact | null> {
  const statement = contactByKey(mapping, key, scope);
  if (!statement) return null;
  const result = await client.query<ContactRow>(`${statement.text} FOR UPDATE`, statement.params);
  return firstContact(result.rows, mapping);
}

function firstContact(rows: ContactRow[], mapping: Mapping): Contact | null {
  const row = rows[0];
  return row ? toContact(row, mapping) : null;
}

export const NO_SUCH_CONTACT = 'No contact has this key. It may have been deleted.';

/**
 * The contact a URL names, or the 404 page that says it is gone: also for another owner's
 * contact, so that its existence does not leak.
 */
export async function requireContact(
  db: Database,
  mapping: Mapping,
  key: string,
  scope: OwnerScope,
): Promise<Contact> {
  const contact = await findContact(db, mapping, key, scope);
  if (!contact) throw new NotFoundError(NO_SUCH_CONTACT);
  return contact;
}

/**
 * Inserts a new contact with a fresh External ID: Connect upserts by it, so the row can never
 * come back from Salesforce as a duplicate, and the card has a stable URL before the sfid exists.
 * Returns the row's id for the audit entry.
 */
export async function insertContact(
  client: Queryable,
  mapping: Mapping,
  externalId: string,
  values: ContactValues,
  alsoWrite: ContactValues,
): Promise<number> {
  const row: Record<string, string> = { [EXTERNAL_ID_COLUMN]: externalId, ...alsoWrite };
  for (const { column } of mapping.fields) if (values[column]) row[column] = values[column];
  const columns = Object.keys(row);
  const result = await client.query<{ id: number }>(
    `INSERT INTO ${contactTable(mapping)} (${columns.map(quoteIdentifier).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  const inserted = result.rows[0];
  if (result.rowCount !== 1 || !inserted) throw new Error('insert did not add a row');
  return inserted.id;
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
