import { parseKey } from '../../connect/contactKey';
import { firstString, oneOf, pageNumber, searchText } from '../../web/queryString';

/** The list page's query string, parsed leniently: anything unexpected falls back to a default. */
export const SORT_KEYS = ['name', 'title', 'email', 'phone', 'account', 'sync'] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
export const SYNC_FILTERS = ['failed', 'pending'] as const;
export const MAX_SEARCH_LENGTH = 100;
export const MAX_PAGE = 10_000;
/**
 * Paging reaches this many rows into a sorted list, no further, and counts stop here. An OFFSET
 * costs as much as the rows it skips, so unbounded paging would make the last page of a million
 * contacts the slowest request in the app; counting every match of a broad search is as slow.
 * Past this, a count reads "10,000+", and the end of the list is the start of the reversed
 * sort, one click on the column header away.
 */
export const ROW_CAP = 10_000;

export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export type PageSize = (typeof PAGE_SIZES)[number];
export type SyncFilter = (typeof SYNC_FILTERS)[number];

export interface ListQuery {
  q: string;
  sort: SortKey;
  dir: SortDirection;
  page: number;
  perPage: PageSize;
  sync: SyncFilter | null;
  /** An account's key (sfid, External ID or row-<id>): only its contacts are listed. */
  account: string | null;
  /** `me`: only the signed-in Salesforce user's own contacts ("My contacts"). */
  owner: 'me' | null;
}

export const DEFAULT_LIST_QUERY: ListQuery = {
  q: '',
  sort: 'name',
  dir: 'asc',
  page: 1,
  perPage: 25,
  sync: null,
  account: null,
  owner: null,
};

export function parseListQuery(query: Record<string, unknown>): ListQuery {
  return {
    q: searchText(firstString(query.q), MAX_SEARCH_LENGTH),
    sort: oneOf(SORT_KEYS, firstString(query.sort)) ?? DEFAULT_LIST_QUERY.sort,
    dir: firstString(query.dir) === 'desc' ? 'desc' : 'asc',
    page: pageNumber(firstString(query.page), MAX_PAGE),
    perPage: oneOf(PAGE_SIZES, Number(firstString(query.perPage))) ?? DEFAULT_LIST_QUERY.perPage,
    sync: oneOf(SYNC_FILTERS, firstString(query.sync)) ?? null,
    account: parseKey(firstString(query.account)) ? firstString(query.account) : null,
    owner: firstString(query.owner) === 'me' ? 'me' : null,
  };
}

/** The last page whose rows lie within ROW_CAP; later pages are empty. */
export function lastPageWithin(perPage: PageSize): number {
  return Math.ceil(ROW_CAP / perPage);
}

/** The query string for a list URL, leaving out defaults so links stay short. */
export function listQueryString(query: ListQuery, changes: Partial<ListQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_LIST_QUERY) as (keyof ListQuery)[]) {
    const value = merged[key];
    if (value !== DEFAULT_LIST_QUERY[key] && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
