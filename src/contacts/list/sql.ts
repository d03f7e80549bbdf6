import { quoteIdentifier } from '../../db/identifiers';
import { notDeleted } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import type { SyncState } from '../../connect/syncState';
import type { SortDirection, SortKey, SyncFilter } from './params';

/**
 * SQL text shared by the list's queries and by the indexes that serve them.
 * Postgres uses an expression index only when the query spells the expression the same way, so
 * both sides take their text from here.
 */

const SEARCHED_FIELDS = ['email', 'phone', 'title'];

// A control character nobody can type into the search box, so no match spans two fields.
const FIELD_SEPARATOR = `E'\\x1f'`;

/**
 * What a search looks in: the full name ("first last", so a full name matches), email, phone
 * and title, lower-cased once. One expression means one trigram index and one cheap LIKE per
 * row instead of four case-insensitive ILIKEs; `lower(x) LIKE lower(p)` is exactly how Postgres
 * evaluates `x ILIKE p` in a UTF-8 database.
 */
export function searchDocument(mapping: Mapping): string {
  const name = ['firstname', 'lastname']
    .filter((c) => mapping.columns.has(c))
    .map((c) => `coalesce(${quoteIdentifier(c)}, '')`)
    .join(` || ' ' || `);
  const others = SEARCHED_FIELDS.filter((c) => mapping.columns.has(c)).map(
    (c) => `coalesce(${quoteIdentifier(c)}, '')`,
  );
  const parts = [name, ...others].filter((part) => part !== '');
  return `lower(${parts.length > 0 ? parts.join(` || ${FIELD_SEPARATOR} || `) : `''`})`;
}

/** `%`, `_` and `\` typed by a user are literal characters, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SORT_COLUMNS: Record<SortKey, string[]> = {
  name: ['lastname', 'firstname'],
  title: ['title'],
  email: ['email'],
  phone: ['phone'],
  sync: ['_hc_lastop'],
};

export function sortColumns(mapping: Mapping, sort: SortKey): string[] {
  return SORT_COLUMNS[sort].filter((c) => mapping.columns.has(c));
}

/**
 * Ends with `id` so rows with equal values keep a stable order from page to page. Empty values
 * come last in both directions, which a plain index read backwards would not give, so each
 * direction has an index of its own.
 */
export function orderBy(mapping: Mapping, sort: SortKey, dir: SortDirection): string {
  const direction = dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  return [
    ...sortColumns(mapping, sort).map((c) => `${quoteIdentifier(c)} ${direction}`),
    `id ${dir.toUpperCase()}`,
  ].join(', ');
}

const FILTERED_STATES: Record<SyncFilter, SyncState> = { failed: 'FAILED', pending: 'PENDING' };

/** The sync state a filter link selects. */
export function syncStateOf(filter: SyncFilter): SyncState {
  return FILTERED_STATES[filter];
}

export interface Conditions {
  /** Rows the list shows at all: not deleted, in the chosen sync state. */
  shown: string;
  /** The placeholder holding the search pattern, or null when nothing was typed. */
  searchParam: string | null;
  params: unknown[];
}

export function conditions(
  mapping: Mapping,
  query: { q: string; sync: SyncFilter | null },
): Conditions {
  const shown = [notDeleted(mapping)];
  const params: unknown[] = [];
  if (query.sync && mapping.columns.has('_hc_lastop')) {
    params.push(syncStateOf(query.sync));
    shown.push(`_hc_lastop = $${params.length}`);
  }
  let searchParam: string | null = null;
  if (query.q) {
    params.push(likePattern(query.q));
    searchParam = `$${params.length}`;
  }
  return { shown: shown.join(' AND '), searchParam, params };
}

/** The search condition on a search document (see searchDocument) and a LIKE pattern. */
export function matchesPattern(document: string, patternParam: string): string {
  return `${document} LIKE lower(${patternParam})`;
}
