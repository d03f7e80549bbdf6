import type { Database } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import {
  contactTable,
  EXTERNAL_ID_COLUMN,
  FULL_NAME_COLUMN,
  optionalColumn,
} from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { relatedColumns, type RelatedRow } from '../relatedRecords';
import { accountNameColumn, canSortByAccount, idsByAccount } from './accountOrder';
import { ROW_CAP, type ListQuery } from './params';
import { matchesPattern, orderBy, searchDocument, sortColumns, type Conditions } from './sql';

/**
 * The queries behind a list page (see listContacts for when each runs). Every identifier comes
 * from the mapping's allow-list; user input only ever travels as a parameter.
 */

// A capped search first reads this many rows in sort order per row it must show…
const PROBE_ROWS_PER_SHOWN_ROW = 20;
// …but at least and at most this many, before it sorts all matches instead.
const PROBE_ROWS_MIN = 2_000;
const PROBE_ROWS_MAX = 20_000;

export interface SummaryRow extends RelatedRow {
  id: number;
  sfid: string | null;
  external_id: string | null;
  name: string | null;
  firstname: string | null;
  lastname: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  _hc_lastop: string | null;
}

/** The columns `alsoSelect` adds to a statement's rows, by the names it gives them. */
export type AlsoSelected = Record<string, unknown>;

/** The SQL fragments of one list page: its table, columns, order and window. */
export interface PageSql {
  table: string;
  columns: string;
  /** `id` and the sort columns: all that ordering a set of rows needs. */
  sortColumns: string;
  /** What a search looks in (see searchDocument). */
  document: string;
  order: string;
  limit: number;
  offset: number;
  /**
   * More select-list items that every statement returning the page carries, such as the
   * header's counts: another statement would cost another round trip.
   */
  alsoSelect: string[];
  /** The account and owner of the rows returned (relatedRecords.ts), as SQL naming `row`. */
  related: (row: string) => string[];
  /**
   * For the sort by account, which no contact index holds (accountOrder.ts): the ids of the page
   * among the contacts meeting a condition. Null for every other sort.
   */
  idsByAccount: ((where: string) => string) | null;
}

export function pageSql(mapping: Mapping, query: ListQuery, alsoSelect = ''): PageSql {
  const byAccount = query.sort === 'account' && canSortByAccount(mapping) ? mapping : null;
  const window = { dir: query.dir, limit: query.perPage, offset: (query.page - 1) * query.perPage };
  return {
    table: contactTable(mapping),
    columns: [
      listColumns(mapping),
      ...(byAccount ? [accountNameColumn(byAccount, 'contact')] : []),
    ].join(', '),
    sortColumns: ['id', ...sortColumns(mapping, query.sort).map(quoteIdentifier)].join(', '),
    document: searchDocument(mapping),
    order: orderBy(mapping, query.sort, query.dir),
    limit: window.limit,
    offset: window.offset,
    alsoSelect: alsoSelect === '' ? [] : [alsoSelect],
    related: (row) => relatedColumns(mapping, row),
    idsByAccount: byAccount && ((where) => idsByAccount(byAccount, where, window)),
  };
}

function listColumns(mapping: Mapping): string {
  const optional = ['firstname', 'title', 'email', 'phone', FULL_NAME_COLUMN, '_hc_lastop'];
  return [
    'id',
    'sfid',
    'lastname',
    ...optional.map((c) => optionalColumn(mapping, c, 'text')),
    optionalColumn(mapping, EXTERNAL_ID_COLUMN, 'text', 'external_id'),
    // The lookups, so the related records can be found for the rows a statement returns.
    ...[ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN, mapping.accountRelationship]
      .filter((c): c is string => c !== null && mapping.columns.has(c))
      .map(quoteIdentifier),
  ].join(', ');
}

export function matchCondition(sql: PageSql, where: Conditions): string {
  if (!where.searchParam) return where.shown;
  const match = `${where.shown} AND ${matchesPattern(sql.document, where.searchParam)}`;
  return where.shortTermMatch ? `${match} AND ${where.shortTermMatch}` : match;
}

/** The first ROW_CAP + 1 matches in any order: their number, and the page among them. */
export async function countAndPage(db: Database, sql: PageSql, where: string, params: unknown[]) {
  // Without matches on the page, the one row carries only the total.
  const result = await db.query<
    Omit<SummaryRow, 'id'> & { id: number | null; total: number } & AlsoSelected
  >(
    `WITH matches AS MATERIALIZED (
       SELECT ${sql.columns} FROM ${sql.table} AS contact WHERE ${where} LIMIT ${ROW_CAP + 1})
     SELECT ${['counted.total', ...sql.alsoSelect, 'page.*', ...sql.related('page')].join(', ')}
       FROM (SELECT count(*)::int AS total FROM matches) AS counted
       LEFT JOIN LATERAL (
         SELECT * FROM matches ORDER BY ${sql.order} LIMIT ${sql.limit} OFFSET ${sql.offset}
       ) AS page ON true`,
    params,
  );
  const rows = result.rows.filter(
    (row): row is SummaryRow & { total: number } & AlsoSelected => row.id !== null,
  );
  const first = result.rows[0];
  return { total: first?.total ?? 0, rows, alsoSelected: first ?? null };
}

export async function countUpTo(db: Database, table: string, where: string, params: unknown[]) {
  const result = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM (
       SELECT 1 FROM ${table} WHERE ${where} LIMIT ${ROW_CAP + 1}) AS matches`,
    params,
  );
  return result.rows[0]?.total ?? 0;
}

export async function rowsInOrder(db: Database, sql: PageSql, where: Conditions) {
  if (sql.idsByAccount) {
    // Accounts are walked in order until the page is full, so a search needs no probe.
    return rowsByIds(db, sql, sql.idsByAccount(matchCondition(sql, where)), where.params);
  }
  if (!where.searchParam) return rowsByIds(db, sql, idsInOrder(sql, where.shown), where.params);
  const probed = await rowsByIds(
    db,
    sql,
    probedIds(sql, where.shown, where.searchParam),
    where.params,
  );
  if (probed.length === sql.limit) return probed;
  return rowsByIds(db, sql, sortedMatchIds(sql, where), where.params);
}

/** Fetches whole rows for a page of ids, so the skipped rows are read from an index only. */
async function rowsByIds(db: Database, sql: PageSql, ids: string, params: unknown[]) {
  const result = await db.query<SummaryRow & AlsoSelected>(
    `SELECT ${[sql.columns, ...sql.alsoSelect, ...sql.related('contact')].join(', ')}
       FROM ${sql.table} AS contact WHERE id IN (${ids}) ORDER BY ${sql.order}`,
    params,
  );
  return result.rows;
}

function idsInOrder(sql: PageSql, where: string): string {
  return `SELECT id FROM ${sql.table} WHERE ${where}
           ORDER BY ${sql.order} LIMIT ${sql.limit} OFFSET ${sql.offset}`;
}

/** The page's matches among the leading rows in sort order (too few when they lie further on). */
function probedIds(sql: PageSql, shown: string, searchParam: string): string {
  const window = Math.min(
    PROBE_ROWS_MAX,
    Math.max(PROBE_ROWS_MIN, (sql.offset + sql.limit) * PROBE_ROWS_PER_SHOWN_ROW),
  );
  return `SELECT id FROM (
            SELECT ${sql.sortColumns}, ${sql.document} AS search_document
              FROM ${sql.table} WHERE ${shown} ORDER BY ${sql.order} LIMIT ${window}
          ) AS first_in_order
          WHERE ${matchesPattern('search_document', searchParam)}
          ORDER BY ${sql.order} LIMIT ${sql.limit} OFFSET ${sql.offset}`;
}

/**
 * Every match, sorted. Materialised so the planner cannot instead walk the sort index hoping to
 * meet matches early, which takes seconds when they sit at the far end.
 */
function sortedMatchIds(sql: PageSql, where: Conditions): string {
  return `WITH matches AS MATERIALIZED (
            SELECT ${sql.sortColumns} FROM ${sql.table} WHERE ${matchCondition(sql, where)})
          SELECT id FROM matches ORDER BY ${sql.order} LIMIT ${sql.limit} OFFSET ${sql.offset}`;
}
