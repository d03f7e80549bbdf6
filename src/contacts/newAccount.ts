import { randomUUID } from 'node:crypto';
import type { Mapping } from '../connect/mapping';
import { ACCOUNT_OBJECT, objectTable, OWNER_ID_COLUMN } from '../connect/mappedObject';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';

/**
 * Inserts an account named as the contact form says, with a fresh External ID: Connect upserts
 * by it, and the contact inserted in the same transaction names the account by it, so both
 * reach Salesforce in one poll without waiting for the account's sfid.
 */
export async function insertAccount(
  client: Queryable,
  mapping: Mapping,
  name: string,
  ownerId: string | null,
): Promise<{ rowId: number; externalId: string }> {
  const externalIdColumn = ACCOUNT_OBJECT.externalIdColumn;
  if (!mapping.account || externalIdColumn === null) throw new Error('Account is not mapped');
  const externalId = randomUUID().replaceAll('-', '');
  const row: Record<string, string> = { [externalIdColumn]: externalId, name };
  if (ownerId !== null && mapping.account.columns.has(OWNER_ID_COLUMN)) {
    row[OWNER_ID_COLUMN] = ownerId;
  }
  const columns = Object.keys(row);
  const result = await client.query<{ id: number }>(
    `INSERT INTO ${objectTable(ACCOUNT_OBJECT, mapping.schema)}
       (${columns.map(quoteIdentifier).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  const inserted = result.rows[0];
  if (!inserted) throw new Error('insert did not add an account');
  return { rowId: inserted.id, externalId };
}
