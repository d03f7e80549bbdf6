import { quoteIdentifier } from '../../db/identifiers';
import { likePattern } from '../../db/likePattern';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import type { AccountMapping } from '../accountTable';
import { visibleAccount } from '../accountTable';
import { syncStateSql, type SyncState } from '../../connect/syncState';
import {
  SYNC_FILTERS,
  type AccountListQuery,
  type SortDirection,
  type SortKey,
  type SyncFilter,
} from './params';

/**
 * SQL text shared by the account list's queries and the indexes that serve them: Postgres uses
 * an expression index only when the query spells the expression the same way.
 */

/**
 * What a search looks in: the name, lower-cased once, so one trigram index serves it and
 * `lower(x) LIKE lower(p)` is how Postgres evaluates `x ILIKE p` in a UTF-8 database.
 */
export function searchDocument(): string {
  return `lower(coalesce(name, ''))`;
}

const SORT_COLUMNS: Record<SortKey, string> = {
  name: 'name',
  city: 'billingcity',
  sync: '_hc_lastop',
};

/** The column a sort key orders by, or null when the mapping leaves it out. */
export function sortColumn(mapping: AccountMapping, sort: SortKey): string | null {
  const column = SORT_COLUMNS[sort];
  return mapping.account.columns.has(column) ? column : null;
}

/**
 * Ends with `id` so equal values keep a stable order from page to page. Empty values come last
 * in both directions, which a plain index read backwards would not give, so each direction has
 * an index of its own (indexes.ts).
 */
export function orderBy(mapping: AccountMapping, sort: SortKey, dir: SortDirection): string {
  const column = sortColumn(mapping, sort);
  const direction = dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  return [
    ...(column ? [`${quoteIdentifier(column)} ${direction}`] : []),
    `id ${dir.toUpperCase()}`,
  ].join(', ');
}

const FILTERED_STATES: Record<SyncFilter, SyncState> = { failed: 'FAILED', pending: 'PENDING' };

/**
 * The accounts a list shows: not deleted, within the owner scope, in the chosen sync state,
 * and matching the search when there is one. Whether a search or filter narrows them decides
 * how the page is read; the scope's OwnerId, when there is one, comes first (`$1`), so the
 * contacts counted for each account can be kept to the same owner's.
 */
export function listCondition(
  mapping: AccountMapping,
  query: Pick<AccountListQuery, 'q' | 'sync'>,
  scope: OwnerScope,
) {
  const params: unknown[] = [];
  const shown = [visibleAccount(mapping), ownedBy(scope, appendParam(params))];
  const narrowing = params.length;
  if (query.sync && mapping.account.columns.has('_hc_lastop')) {
    params.push(FILTERED_STATES[query.sync]);
    shown.push(`_hc_lastop = $${params.length}`);
  }
  let searchParam: string | null = null;
  if (query.q) {
    params.push(likePattern(query.q));
    searchParam = `$${params.length}`;
  }
  const search = searchParam ? [matchesSearch(searchDocument(), searchParam)] : [];
  return {
    where: [...shown, ...search].join(' AND '),
    /** The rows shown before a search narrows them, and the search's placeholder. */
    shown: shown.join(' AND '),
    searchParam,
    params,
    narrowed: params.length > narrowing,
    /** The scope as the contacts counted for an account (as `linked`) are kept to it. */
    ownedContacts: ownedBy(scope, () => '$1', 'linked'),
  };
}

/** The search condition on a search document and a LIKE pattern's placeholder. */
export function matchesSearch(document: string, patternParam: string): string {
  return `${document} LIKE lower(${patternParam})`;
}

/** The states a sync filter selects, for the small index that finds them (indexes.ts). */
export const FILTERED_STATES_SQL = SYNC_FILTERS.map((filter) =>
  syncStateSql(FILTERED_STATES[filter]),
).join(', ');
