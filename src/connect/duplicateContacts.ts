import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { cardPath, keyOf } from './contactKey';
import { nameParts } from './contactName';
import { contactTable, EXTERNAL_ID_COLUMN, notDeleted } from './contactTable';
import { ACCOUNT_ID_COLUMN, ACCOUNT_OBJECT, objectTable } from './mappedObject';
import type { Mapping } from './mapping';
import { appendParam, ownedBy, type OwnerScope } from './ownerScope';

/**
 * What a contact about to be written is compared by. `account` is the account it names (by
 * sfid, or by External ID before Salesforce gave it one); `self` is its own row when it exists,
 * which never counts as its own duplicate.
 */
export interface DuplicateProbe {
  email: string;
  firstname: string;
  lastname: string;
  account: { sfid: string | null; externalId: string | null } | null;
  self: number | null;
}

/** Another contact a probe likely duplicates. */
export interface LikelyDuplicate {
  rowId: number;
  /** Shown each part isolated (views/partials/name.ejs). */
  nameParts: string[];
  email: string;
  accountName: string;
  href: string;
  /** False when it belongs to another owner (CONTACT_VISIBILITY=owner): its details stay hidden. */
  visible: boolean;
}

/** More than this many duplicates of one contact are not listed: the first ones make the point. */
export const MAX_DUPLICATES = 10;

/** The email as the index and the query both compare it, built in one place so they agree. */
export function emailKey(column: string): string {
  return `lower(${column})`;
}

/**
 * "Very similar name" means the same first and last name once trimmed, inner spaces collapsed,
 * decomposed (NFD) with combining marks dropped and lower-cased: "José  Núñez" is "jose nunez".
 * It is checked only among the contacts of the same account, which the AccountId index (or the
 * relationship External ID's) narrows to a handful, so folding each of them costs nothing and
 * needs no index of its own. Fuzzier measures (pg_trgm similarity) flag "Ann Lee" against "Dan
 * Lee" at one company, and a warning people learn to click through is worse than none; the
 * rule Salesforce's standard contact duplicate rule starts from is also an exact name match.
 * A contact without an account is matched by email only: the same name at no company says little.
 */
function folded(value: string): string {
  return `lower(regexp_replace(regexp_replace(normalize(btrim(${value}), NFD), '[\\u0300-\\u036f]', '', 'g'), '\\s+', ' ', 'g'))`;
}

/**
 * The likely duplicates of each probe, in the probes' order: other contacts (not deleted) with
 * the same email ignoring case, or the same folded name at the same account. One statement
 * answers any number of probes (an import's rows), each through an index. Every match is
 * returned, whoever owns it; `visible` says whether `scope` may see it.
 */
export async function findDuplicates(
  db: Database,
  mapping: Mapping,
  probes: readonly DuplicateProbe[],
  scope: OwnerScope,
): Promise<LikelyDuplicate[][]> {
  if (probes.length === 0) return [];
  const params: unknown[] = [
    probes.map((probe) => probe.email.trim()),
    probes.map((probe) => probe.firstname),
    probes.map((probe) => probe.lastname),
    probes.map((probe) => probe.account?.sfid ?? null),
    probes.map((probe) => probe.account?.externalId ?? null),
    probes.map((probe) => probe.self),
  ];
  const probeSql = `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
      $5::text[], $6::int[]) WITH ORDINALITY AS p(email, firstname, lastname, account_sfid,
      account_external_id, self, n)`;
  const rows = await matches(db, mapping, probeSql, params, scope);
  return probes.map((_, index) => rows.get(index + 1) ?? []);
}

/**
 * The likely duplicates of contacts already in the table, by row id: what a FAILED write that
 * Salesforce's duplicate rule refused most likely matched. Same rule as findDuplicates.
 */
export async function twinsOf(
  db: Database,
  mapping: Mapping,
  rowIds: readonly number[],
  scope: OwnerScope,
): Promise<Map<number, LikelyDuplicate[]>> {
  if (rowIds.length === 0) return new Map();
  const column = (name: string) =>
    mapping.columns.has(name) ? `c.${quoteIdentifier(name)}` : 'NULL::text';
  const relationship = mapping.accountRelationship;
  const probeSql = `SELECT coalesce(${column('email')}, '') AS email,
      coalesce(${column('firstname')}, '') AS firstname, c.lastname,
      ${column(ACCOUNT_ID_COLUMN)} AS account_sfid,
      ${relationship ? column(relationship) : 'NULL::text'} AS account_external_id,
      c.id AS self, c.id AS n
      FROM ${contactTable(mapping)} c WHERE c.id = ANY($1::int[])`;
  return matches(db, mapping, probeSql, [rowIds], scope);
}

/** Each probe's matches by its `n`, at most MAX_DUPLICATES + 1 of each (to tell "more"). */
async function matches(
  db: Database,
  mapping: Mapping,
  probeSql: string,
  params: unknown[],
  scope: OwnerScope,
): Promise<Map<number, LikelyDuplicate[]>> {
  const result = await db.query<DuplicateRow>(
    `SELECT p.n, m.id, m.sfid, m.external_id, m.firstname, m.lastname, m.email, m.visible,
            ${accountName(mapping)} AS account_name
       FROM (${probeSql}) p
       CROSS JOIN LATERAL (
         SELECT * FROM (${arms(mapping, scope, params).join(' UNION ')}) u
          WHERE u.id IS DISTINCT FROM p.self ORDER BY u.id LIMIT ${MAX_DUPLICATES + 1}
       ) m
       ${accountJoin(mapping)}
      ORDER BY p.n, m.id`,
    params,
  );
  const byProbe = new Map<number, LikelyDuplicate[]>();
  for (const row of result.rows) {
    const list = byProbe.get(Number(row.n)) ?? [];
    list.push(toDuplicate(row));
    byProbe.set(Number(row.n), list);
  }
  return byProbe;
}

interface DuplicateRow {
  n: string;
  id: number;
  sfid: string | null;
  external_id: string | null;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  visible: boolean;
  account_name: string | null;
}

/** The email arm (through the lower(email) index) and the name-at-account arm. */
function arms(mapping: Mapping, scope: OwnerScope, params: unknown[]): string[] {
  const column = (name: string) =>
    mapping.columns.has(name) ? `c.${quoteIdentifier(name)}` : 'NULL::text';
  const visible = ownedBy(scope, appendParam(params), 'c');
  const select = `SELECT c.id, c.sfid, ${
    mapping.hasExternalId ? `c.${quoteIdentifier(EXTERNAL_ID_COLUMN)}` : 'NULL::text'
  } AS external_id, ${column('firstname')} AS firstname, c.lastname, ${column('email')} AS email,
    ${column(ACCOUNT_ID_COLUMN)} AS account_sfid, ${visible} AS visible
    FROM ${contactTable(mapping)} c`;
  const alive = notDeleted(mapping);
  const result: string[] = [];
  if (mapping.columns.has('email')) {
    result.push(
      `${select} WHERE p.email <> '' AND ${emailKey('c.email')} = lower(p.email) AND ${alive}`,
    );
  }
  const sameName = `${folded('c.lastname')} = ${folded('p.lastname')} AND ${folded(
    `coalesce(${column('firstname')}, '')`,
  )} = ${folded('p.firstname')} AND ${alive}`;
  if (mapping.columns.has(ACCOUNT_ID_COLUMN)) {
    result.push(`${select} WHERE c.${ACCOUNT_ID_COLUMN} = p.account_sfid AND ${sameName}`);
  }
  if (mapping.accountRelationship) {
    const relationship = `c.${quoteIdentifier(mapping.accountRelationship)}`;
    result.push(`${select} WHERE ${relationship} = p.account_external_id AND ${sameName}`);
  }
  return result;
}

function accountJoin(mapping: Mapping): string {
  if (!mapping.account) return '';
  return `LEFT JOIN ${objectTable(ACCOUNT_OBJECT, mapping.schema)} a ON a.sfid = m.account_sfid`;
}

function accountName(mapping: Mapping): string {
  return mapping.account ? 'a.name' : 'NULL::text';
}

function toDuplicate(row: DuplicateRow): LikelyDuplicate {
  return {
    rowId: row.id,
    nameParts: nameParts(row, null),
    email: row.email ?? '',
    accountName: row.account_name ?? '',
    href: cardPath(keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id })),
    visible: row.visible,
  };
}
