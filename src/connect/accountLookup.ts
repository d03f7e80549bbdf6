import { keyOf, parseKey } from './contactKey';
import { notDeleted } from './contactTable';
import type { Mapping, ObjectMapping } from './mapping';
import { ACCOUNT_OBJECT, objectTable } from './mappedObject';
import { appendParam, ownedBy, type OwnerScope } from './ownerScope';
import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';

/** An account as the contact form and the list's filter name it. */
export interface AccountChoice {
  key: string;
  rowId: number;
  sfid: string | null;
  externalId: string | null;
  name: string;
  billingCity: string;
}

interface AccountRow {
  id: number;
  sfid: string | null;
  external_id: string | null;
  name: string | null;
  billingcity: string | null;
}

/**
 * An account's name as a lookup by name compares it, ignoring case as Salesforce's lookups do;
 * the accounts feature indexes this expression (accounts/list/indexes.ts).
 */
export const ACCOUNT_NAME_KEY = 'lower(name)';

// A name shared by more accounts than this is listed this far; the user can paste a key.
export const MAX_NAME_MATCHES = 10;

function columns(account: ObjectMapping): string {
  const externalId = ACCOUNT_OBJECT.externalIdColumn ?? '';
  return [
    'id',
    'sfid',
    `${account.hasExternalId ? quoteIdentifier(externalId) : 'NULL'} AS external_id`,
    'name',
    `${account.columns.has('billingcity') ? 'billingcity' : 'NULL'} AS billingcity`,
  ].join(', ');
}

/** The account a key names (sfid, External ID or row-<id>) within the scope, or null. */
export async function accountByKey(
  db: Pick<Database, 'query'>,
  mapping: Mapping,
  key: string,
  scope: OwnerScope,
): Promise<AccountChoice | null> {
  const account = mapping.account;
  const lookup = parseKey(key);
  if (!account || !lookup) return null;
  const externalId = ACCOUNT_OBJECT.externalIdColumn ?? '';
  const where =
    lookup.by === 'id'
      ? 'id = $1'
      : account.hasExternalId
        ? `(sfid = $1 OR ${quoteIdentifier(externalId)} = $1)`
        : 'sfid = $1';
  const params: unknown[] = [lookup.value];
  const result = await db.query<AccountRow>(
    `SELECT ${columns(account)} FROM ${objectTable(ACCOUNT_OBJECT, mapping.schema)}
      WHERE ${where} AND ${notDeleted(account)} AND ${ownedBy(scope, appendParam(params))}
      LIMIT 1`,
    params,
  );
  const row = result.rows[0];
  return row ? toChoice(row) : null;
}

/**
 * Accounts within the scope whose name is this one, ignoring case (Salesforce's own lookups
 * ignore it too), at most MAX_NAME_MATCHES + 1 so the caller can tell "too many" apart.
 */
export async function accountsNamed(
  db: Pick<Database, 'query'>,
  mapping: Mapping,
  name: string,
  scope: OwnerScope,
): Promise<AccountChoice[]> {
  const account = mapping.account;
  if (!account) return [];
  const params: unknown[] = [name];
  const result = await db.query<AccountRow>(
    `SELECT ${columns(account)} FROM ${objectTable(ACCOUNT_OBJECT, mapping.schema)}
      WHERE ${ACCOUNT_NAME_KEY} = lower($1) AND ${notDeleted(account)}
        AND ${ownedBy(scope, appendParam(params))}
      LIMIT ${MAX_NAME_MATCHES + 1}`,
    params,
  );
  // Sorted here, not in SQL: an ORDER BY id tempts the planner to walk the primary key instead
  // of the name index whenever it has no statistics on the name yet.
  return result.rows.sort((a, b) => a.id - b.id).map(toChoice);
}

function toChoice(row: AccountRow): AccountChoice {
  return {
    key: keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id }),
    rowId: row.id,
    sfid: row.sfid,
    externalId: row.external_id,
    name: row.name ?? '',
    billingCity: row.billingcity ?? '',
  };
}
