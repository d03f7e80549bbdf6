import {
  ACCOUNT_ID_COLUMN,
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  objectTable,
  OWNER_ID_COLUMN,
  USER_OBJECT,
  type MappedObject,
} from '../connect/mappedObject';
import { relationshipColumn } from '../connect/relationship';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { inactiveOwner, parentNotFound, type SentRow } from './failureRules';

/** What Salesforce makes of a saved row's lookups: a refusal, or the AccountId it resolved. */
export type LookupResult = { rejection: string } | { rejection: null; accountId: string | null };

/**
 * Checks the lookups Salesforce checks on save, against the other mapped tables as they are
 * now: the owner must be an active user, and a contact's relationship External ID must name
 * an account Salesforce already has (one with an sfid). Salesforce then sets AccountId to that
 * account, and Connect syncs it back, so `accountId` is what the row's `accountid` becomes.
 */
export async function resolveLookups(
  client: Queryable,
  schema: string,
  object: MappedObject,
  row: SentRow,
): Promise<LookupResult> {
  const owner = row[OWNER_ID_COLUMN];
  if (typeof owner === 'string' && !(await ownerIsActive(client, schema, owner))) {
    return { rejection: inactiveOwner(owner, object) };
  }
  if (object.table !== CONTACT_OBJECT.table) return { rejection: null, accountId: null };
  const columns = new Set(Object.keys(row));
  const relationship = relationshipColumn(columns, ACCOUNT_OBJECT);
  const externalId = relationship === null ? null : row[relationship];
  if (typeof externalId !== 'string' || externalId === '') {
    return { rejection: null, accountId: null };
  }
  const accountId = await accountSfid(client, schema, externalId);
  if (accountId === null) return { rejection: parentNotFound(externalId, ACCOUNT_OBJECT) };
  return { rejection: null, accountId: columns.has(ACCOUNT_ID_COLUMN) ? accountId : null };
}

/** An owner the emulator cannot find (User not mapped, or no such row) is taken as active. */
async function ownerIsActive(client: Queryable, schema: string, ownerId: string) {
  if (!(await columnPresent(client, schema, USER_OBJECT, 'isactive'))) return true;
  const result = await client.query<{ isactive: boolean | null }>(
    `SELECT isactive FROM ${objectTable(USER_OBJECT, schema)} WHERE sfid = $1`,
    [ownerId],
  );
  return result.rows.every((user) => user.isactive !== false);
}

async function accountSfid(client: Queryable, schema: string, externalId: string) {
  const externalIdColumn = ACCOUNT_OBJECT.externalIdColumn;
  const accounts = objectTable(ACCOUNT_OBJECT, schema);
  if (externalIdColumn === null) return null;
  if (!(await columnPresent(client, schema, ACCOUNT_OBJECT, externalIdColumn))) return null;
  const result = await client.query<{ sfid: string }>(
    `SELECT sfid FROM ${accounts}
      WHERE ${quoteIdentifier(externalIdColumn)} = $1 AND sfid IS NOT NULL LIMIT 1`,
    [externalId],
  );
  return result.rows[0]?.sfid ?? null;
}

/** Whether Connect maps the column: a table or field the mapping lacks is simply absent. */
async function columnPresent(
  client: Queryable,
  schema: string,
  object: Pick<MappedObject, 'table'>,
  column: string,
): Promise<boolean> {
  const result = await client.query(
    `SELECT 1 FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2 AND column_name = $3`,
    [schema, object.table, column],
  );
  return result.rowCount === 1;
}
