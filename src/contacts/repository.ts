import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { parseKey } from '../connect/contactKey';
import {
  contactTable,
  EXTERNAL_ID_COLUMN,
  keyCondition,
  notDeleted,
} from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';
import { NotFoundError } from '../web/httpErrors';
import { toContact, type Contact, type ContactRow, type ContactValues } from './contact';
import { contactColumns, versionExpression } from './contactSql';

export async function findContact(
  db: Database,
  mapping: Mapping,
  key: string,
): Promise<Contact | null> {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const result = await db.query<ContactRow>(
    `SELECT ${contactColumns(mapping)} FROM ${contactTable(mapping)}
      WHERE ${keyCondition(mapping, lookup)} AND ${notDeleted(mapping)} LIMIT 1`,
    [lookup.value],
  );
  const row = result.rows[0];
  return row ? toContact(row, mapping) : null;
}

/** The contact a URL names, or the 404 page that says it is gone. */
export async function requireContact(
  db: Database,
  mapping: Mapping,
  key: string,
): Promise<Contact> {
  const contact = await findContact(db, mapping, key);
  if (!contact) throw new NotFoundError('No contact has this key. It may have been deleted.');
  return contact;
}

export type UpdateOutcome =
  | { kind: 'updated'; changed: string[] }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: Contact }
  | { kind: 'not_found' };

/**
 * Writes only the mapped columns whose values changed, in one UPDATE, and only if the row is
 * still at the version the user edited. Connect logs exactly the changed columns and sends them
 * to Salesforce, so untouched fields are never overwritten there either.
 */
export async function updateContact(
  db: Database,
  mapping: Mapping,
  key: string,
  expectedVersion: string,
  values: ContactValues,
): Promise<UpdateOutcome> {
  const current = await findContact(db, mapping, key);
  if (!current) return { kind: 'not_found' };
  if (current.version !== expectedVersion) return { kind: 'conflict', current };

  const changed = mapping.fields
    .map((field) => field.column)
    .filter((column) => (values[column] ?? '') !== current.values[column]);
  if (changed.length === 0) return { kind: 'unchanged' };

  const lookup = parseKey(current.key);
  if (!lookup) return { kind: 'not_found' };
  const assignments = changed.map((column, i) => `${quoteIdentifier(column)} = $${i + 3}`);
  const result = await db.query(
    `UPDATE ${contactTable(mapping)} SET ${assignments.join(', ')}
      WHERE ${keyCondition(mapping, lookup)} AND ${versionExpression(mapping)} = $2`,
    [lookup.value, expectedVersion, ...changed.map((column) => values[column] || null)],
  );
  if (result.rowCount === 1) return { kind: 'updated', changed };

  // Someone saved between our read and our write; show them what is there now.
  const latest = await findContact(db, mapping, current.key);
  return latest ? { kind: 'conflict', current: latest } : { kind: 'not_found' };
}

/**
 * Inserts a new contact with a fresh External ID: Connect upserts by it, so the row can never
 * come back from Salesforce as a duplicate, and the card has a stable URL before the sfid exists.
 */
export async function insertContact(
  db: Database,
  mapping: Mapping,
  values: ContactValues,
): Promise<string> {
  const externalId = randomUUID().replaceAll('-', '');
  const row: Record<string, string> = { [EXTERNAL_ID_COLUMN]: externalId };
  for (const { column } of mapping.fields) if (values[column]) row[column] = values[column];
  const columns = Object.keys(row);
  const result = await db.query(
    `INSERT INTO ${contactTable(mapping)} (${columns.map(quoteIdentifier).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(row),
  );
  if (result.rowCount !== 1) throw new Error('insert did not add a row');
  return externalId;
}

/** Connect captures the DELETE and deletes the record in Salesforce too. */
export async function deleteContact(db: Database, mapping: Mapping, key: string): Promise<boolean> {
  const lookup = parseKey(key);
  if (!lookup) return false;
  const result = await db.query(
    `DELETE FROM ${contactTable(mapping)} WHERE ${keyCondition(mapping, lookup)}`,
    [lookup.value],
  );
  return result.rowCount === 1;
}
