import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { keyOf } from './contactKey';
import { contactTable, notDeleted, optionalColumn } from './contactSql';
import { displayName } from './contact';
import type { ListQuery, SortKey } from './listQuery';
import type { Mapping } from './mapping';
import { EXTERNAL_ID_COLUMN } from './fields';
import { toSyncState, type SyncState } from '../sync/syncState';

/** Counting every match of a broad search over a million rows is slow; past this, say "10,000+". */
export const COUNT_CAP = 10_000;

export interface ContactSummary {
  key: string;
  displayName: string;
  title: string;
  email: string;
  phone: string;
  syncState: SyncState | null;
}

export interface ContactPage {
  contacts: ContactSummary[];
  total: number;
  totalIsCapped: boolean;
}

interface SummaryRow {
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

export async function listContacts(
  db: Database,
  mapping: Mapping,
  query: ListQuery,
): Promise<ContactPage> {
  const { where, params } = filters(mapping, query);
  const columns = [
    'firstname',
    'title',
    'email',
    'phone',
    'name',
    '_hc_lastop',
    EXTERNAL_ID_COLUMN,
  ];
  const [rows, count] = await Promise.all([
    db.query<SummaryRow>(
      `SELECT id, sfid, lastname, ${columns
        .map((c) =>
          optionalColumn(mapping, c, 'text', c === EXTERNAL_ID_COLUMN ? 'external_id' : c),
        )
        .join(', ')}
         FROM ${contactTable(mapping)} WHERE ${where}
        ORDER BY ${orderBy(mapping, query.sort, query.dir)}
        LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`,
      params,
    ),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM (
         SELECT 1 FROM ${contactTable(mapping)} WHERE ${where} LIMIT ${COUNT_CAP + 1}) AS matches`,
      params,
    ),
  ]);
  const total = count.rows[0]?.total ?? 0;
  return {
    contacts: rows.rows.map(toSummary),
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
  };
}

/** The searchable text of a contact, one expression per column, matched with ILIKE. */
export function searchExpressions(mapping: Mapping): string[] {
  const nameParts = ['firstname', 'lastname'].filter((c) => mapping.columns.has(c));
  const name = nameParts.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
  const others = ['email', 'phone', 'title'].filter((c) => mapping.columns.has(c));
  return [name ? `(${name})` : null, ...others].filter((e): e is string => e !== null);
}

/** `%`, `_` and `\` typed by a user are literal characters, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filters(mapping: Mapping, query: ListQuery): { where: string; params: unknown[] } {
  const conditions = [notDeleted(mapping)];
  const params: unknown[] = [];
  if (query.q) {
    params.push(likePattern(query.q));
    conditions.push(
      `(${searchExpressions(mapping)
        .map((e) => `${e} ILIKE $1`)
        .join(' OR ')})`,
    );
  }
  if (query.sync && mapping.columns.has('_hc_lastop')) {
    params.push(query.sync.toUpperCase());
    conditions.push(`_hc_lastop = $${params.length}`);
  }
  return { where: conditions.join(' AND '), params };
}

const SORT_COLUMNS: Record<SortKey, string[]> = {
  name: ['lastname', 'firstname'],
  title: ['title'],
  email: ['email'],
  phone: ['phone'],
  sync: ['_hc_lastop'],
};

/** Ends with `id` so rows with equal values keep a stable order from page to page. */
function orderBy(mapping: Mapping, sort: SortKey, dir: 'asc' | 'desc'): string {
  const direction = dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  const columns = SORT_COLUMNS[sort].filter((c) => mapping.columns.has(c));
  return [
    ...columns.map((c) => `${quoteIdentifier(c)} ${direction}`),
    `id ${dir.toUpperCase()}`,
  ].join(', ');
}

function toSummary(row: SummaryRow): ContactSummary {
  return {
    key: keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id }),
    displayName: displayName(
      { firstname: row.firstname ?? '', lastname: row.lastname ?? '' },
      row.name,
    ),
    title: row.title ?? '',
    email: row.email ?? '',
    phone: row.phone ?? '',
    syncState: toSyncState(row._hc_lastop),
  };
}
