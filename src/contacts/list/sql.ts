import { quoteIdentifier } from '../../db/identifiers';
import { likePattern } from '../../db/likePattern';
import { notDeleted } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN } from '../../connect/mappedObject';
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

// Separates the pairs gramsOf cuts a text into: a control character nobody types.
const PAIR_SEPARATOR = '\x1e';
const PAIR_SEPARATOR_SQL = `E'\\x1e'`;
// What replaces each character c: `c<separator>c`, so that "abc" becomes "a|ab|bc|c".
const CHARACTER_TWICE_SQL = `E'\\\\1\\x1e\\\\1'`;

/**
 * Every character and every two adjacent characters of a text (the search document), as an
 * array for a GIN index. A term of one or two characters has no trigram, so the trigram index
 * cannot find it; this array holds it whole, so `@>` finds exactly the rows that contain it.
 * Built-in functions only: nothing to install beside the index.
 */
export function gramsOf(text: string): string {
  const characters = `string_to_array(${text}, NULL)`;
  const pairs = `string_to_array(regexp_replace(${text}, '(.)', ${CHARACTER_TWICE_SQL}, 'g'), ${PAIR_SEPARATOR_SQL})`;
  return `(${characters} || ${pairs})`;
}

/**
 * Whether gramsOf holds every occurrence of a term, lower-cased, as one element. Not when
 * lower-casing lengthens it (as it does `İ`), nor when it holds the separator, which splits
 * its pairs apart.
 */
export function isShortTerm(text: string): boolean {
  // Postgres counts code points, as Array.from does, not UTF-16 units.
  const length = (s: string) => Array.from(s).length;
  return length(text) <= 2 && length(text.toLowerCase()) <= 2 && !text.includes(PAIR_SEPARATOR);
}

const SORT_COLUMNS: Record<SortKey, string[]> = {
  name: ['lastname', 'firstname'],
  title: ['title'],
  email: ['email'],
  phone: ['phone'],
  // Not a contact column: see accountOrder.ts.
  account: [],
  sync: ['_hc_lastop'],
};

export function sortColumns(mapping: Mapping, sort: SortKey): string[] {
  return SORT_COLUMNS[sort].filter((c) => mapping.columns.has(c));
}

/** The column that carries a row's account name when the list is sorted by account. */
export const ACCOUNT_NAME = 'account_name';

/**
 * Ends with `id` so rows with equal values keep a stable order from page to page. Empty values
 * come last in both directions, which a plain index read backwards would not give, so each
 * direction has an index of its own.
 */
export function orderBy(mapping: Mapping, sort: SortKey, dir: SortDirection): string {
  const direction = dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  // An account's people stay in name order whichever way the accounts go.
  if (sort === 'account') return `${ACCOUNT_NAME} ${direction}, ${orderBy(mapping, 'name', 'asc')}`;
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
  /** For a short search text (see isShortTerm), the grams index's way to its matches. */
  shortTermMatch: string | null;
  params: unknown[];
}

/** Filters resolved before the list is read: an account's identifiers, an owner's user id. */
export interface Narrowing {
  account: { sfid: string | null; externalId: string | null } | null;
  ownerId: string | null;
}

export const NOT_NARROWED: Narrowing = { account: null, ownerId: null };

export function conditions(
  mapping: Mapping,
  query: { q: string; sync: SyncFilter | null },
  narrowing: Narrowing = NOT_NARROWED,
): Conditions {
  const shown = [notDeleted(mapping)];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.sync && mapping.columns.has('_hc_lastop')) {
    shown.push(`_hc_lastop = ${param(syncStateOf(query.sync))}`);
  }
  if (narrowing.account) shown.push(ofAccount(mapping, narrowing.account, param));
  if (narrowing.ownerId !== null && mapping.owners) {
    shown.push(`${OWNER_ID_COLUMN} = ${param(narrowing.ownerId)}`);
  }
  let searchParam: string | null = null;
  let shortTermMatch: string | null = null;
  if (query.q) {
    params.push(likePattern(query.q));
    searchParam = `$${params.length}`;
    if (isShortTerm(query.q)) shortTermMatch = containsShortTerm(mapping, searchParam);
  }
  return { shown: shown.join(' AND '), searchParam, shortTermMatch, params };
}

/**
 * The account's contacts: those naming it by sfid, and those inserted with its External ID that
 * Connect has not resolved yet. Each arm has an index of its own (indexes.ts).
 */
function ofAccount(
  mapping: Mapping,
  account: NonNullable<Narrowing['account']>,
  param: (value: unknown) => string,
): string {
  const arms: string[] = [];
  if (account.sfid !== null && mapping.accountLinks) {
    arms.push(`${ACCOUNT_ID_COLUMN} = ${param(account.sfid)}`);
  }
  if (account.externalId !== null && mapping.accountRelationship !== null) {
    arms.push(`${quoteIdentifier(mapping.accountRelationship)} = ${param(account.externalId)}`);
  }
  return arms.length > 0 ? `(${arms.join(' OR ')})` : 'FALSE';
}

/** The search condition on a search document (see searchDocument) and a LIKE pattern. */
export function matchesPattern(document: string, patternParam: string): string {
  return `${document} LIKE lower(${patternParam})`;
}

/**
 * The grams index is partial on purpose: Postgres does not use a partial index's statistics,
 * so it takes any short term for a rare one and always reaches it through the index. With
 * statistics it would read a common letter's rows with a sequential scan instead, computing
 * the grams of every row it passes, at several times the cost of the LIKE. Without an
 * isdeleted column the index gets a predicate that every row meets.
 */
export function shortTermIndexPredicate(mapping: Mapping): string {
  const visible = notDeleted(mapping);
  return visible === 'TRUE' ? 'id IS NOT NULL' : visible;
}

/**
 * A short term (see isShortTerm) among the grams of the search document: the same rows as its
 * LIKE, found through the grams index. The index's predicate comes along so that Postgres
 * can use the index.
 */
function containsShortTerm(mapping: Mapping, patternParam: string): string {
  const term = `lower(${textOfPattern(patternParam)})`;
  return `${shortTermIndexPredicate(mapping)} AND ${gramsOf(searchDocument(mapping))} @> ARRAY[${term}]`;
}

/**
 * The text a likePattern stands for, in SQL: the `%` on each end taken off and the escapes
 * undone. The search travels as one parameter, which every query of a page can then share.
 */
function textOfPattern(patternParam: string): string {
  return `regexp_replace(substr(${patternParam}, 2, length(${patternParam}) - 2), '\\\\(.)', '\\1', 'g')`;
}
