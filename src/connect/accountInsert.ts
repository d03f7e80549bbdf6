import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import type { Mapping } from './mapping';
import { ACCOUNT_OBJECT, objectTable, OWNER_ID_COLUMN } from './mappedObject';

/** A fresh External ID: a UUID without dashes, 32 hex characters, never reused. */
export function newExternalId(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * Inserts an account with these mapped values (Name at least) under `externalId`: Connect
 * upserts by it, so the row never comes back from Salesforce as a duplicate, and a contact
 * inserted in the same transaction can name the account by it, so both reach Salesforce in
 * one poll without waiting for the account's sfid. OwnerId is set only where it is mapped; an
 * empty value is left NULL rather than written as ''. Returns the row's id.
 */
export async function insertAccount(
  client: Queryable,
  mapping: Mapping,
  externalId: string,
  values: Readonly<Record<string, string>>,
  ownerId: string | null,
): Promise<number> {
  const externalIdColumn = ACCOUNT_OBJECT.externalIdColumn;
  const account = mapping.account;
  if (!account?.hasExternalId || externalIdColumn === null) {
    throw new Error('Account is not mapped with its External ID');
  }
  const row: Record<string, string> = { [externalIdColumn]: externalId };
  for (const { column } of account.fields) {
    const value = values[column];
    if (value) row[column] = value;
  }
  if (ownerId !== null && account.columns.has(OWNER_ID_COLUMN)) row[OWNER_ID_COLUMN] = ownerId;
  const columns = Object.keys(row);
  const result = await client.query<{ id: number }>(
    `INSERT INTO ${objectTable(ACCOUNT_OBJECT, mapping.schema)}
       (${columns.map(quoteIdentifier).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  const inserted = result.rows[0];
  if (!inserted) throw new Error('insert did not add an account');
  return inserted.id;
}
