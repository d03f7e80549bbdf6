import { createHash } from 'node:crypto';
import { ACCOUNT_NAME_KEY } from '../../connect/accountLookup';
import { notDeleted } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_OBJECT, objectTable } from '../../connect/mappedObject';
import type { Database } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';

/** An existing account an import row names, as a contact links to it. */
export interface NamedAccount {
  sfid: string | null;
  externalId: string | null;
}

/** The name as accounts are looked up by it: case ignored, as Salesforce's lookups do. */
export function accountNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The existing account of each of these names (by accountNameKey), one statement for any
 * number of names. Where several accounts share a name, the oldest row is the one linked.
 */
export async function accountsByName(
  client: Pick<Database, 'query'>,
  mapping: Mapping,
  names: readonly string[],
): Promise<Map<string, NamedAccount>> {
  const account = mapping.account;
  if (!account || names.length === 0) return new Map();
  const externalId =
    account.hasExternalId && ACCOUNT_OBJECT.externalIdColumn
      ? quoteIdentifier(ACCOUNT_OBJECT.externalIdColumn)
      : 'NULL::text';
  const result = await client.query<{
    key: string;
    sfid: string | null;
    external_id: string | null;
  }>(
    `SELECT DISTINCT ON (${ACCOUNT_NAME_KEY}) ${ACCOUNT_NAME_KEY} AS key, sfid,
            ${externalId} AS external_id
       FROM ${objectTable(ACCOUNT_OBJECT, mapping.schema)}
      WHERE ${ACCOUNT_NAME_KEY} = ANY($1::text[]) AND ${notDeleted(account)}
      ORDER BY ${ACCOUNT_NAME_KEY}, id`,
    [[...new Set(names.map(accountNameKey))]],
  );
  return new Map(
    result.rows.map((row) => [row.key, { sfid: row.sfid, externalId: row.external_id }]),
  );
}

/**
 * External IDs of what an import writes, derived from the import and the row (or the account's
 * name), so writing the same row again, by a retried job or a second worker, names the same
 * record and the unique External ID index refuses a second one. 32 hex characters, the
 * field's length, like the form's UUIDs.
 */
export function importExternalId(importId: string, part: string): string {
  return createHash('sha256').update(`${importId}:${part}`).digest('hex').slice(0, 32);
}
