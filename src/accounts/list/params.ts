import { firstString, oneOf, pageNumber, searchText } from '../../web/queryString';
/**
 * The account list's query string, parsed leniently as the contact list's is: anything
 * unexpected falls back to a default.
 */
export const SORT_KEYS = ['name', 'city', 'sync'] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
export const MAX_SEARCH_LENGTH = 100;
/** Page numbers past this are read as page 1, as on the contact list. */
export const MAX_PAGE = 10_000;
/**
 * Paging reaches this many rows into the sorted list and counts stop here, as on the contact
 * list: an OFFSET costs what it skips, and the far end is one click on the header away.
 */
export const ROW_CAP = 10_000;

export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export type PageSize = (typeof PAGE_SIZES)[number];

export const SYNC_FILTERS = ['failed', 'pending'] as const;
export type SyncFilter = (typeof SYNC_FILTERS)[number];

export interface AccountListQuery {
  q: string;
  sort: SortKey;
  dir: SortDirection;
  page: number;
  perPage: PageSize;
  /** Only accounts in this sync state: the contact list's header links here. */
  sync: SyncFilter | null;
}

export const DEFAULT_QUERY: AccountListQuery = {
  q: '',
  sort: 'name',
  dir: 'asc',
  page: 1,
  perPage: 25,
  sync: null,
};

export function parseAccountListQuery(query: Record<string, unknown>): AccountListQuery {
  return {
    q: searchText(firstString(query.q), MAX_SEARCH_LENGTH),
    sort: oneOf(SORT_KEYS, firstString(query.sort)) ?? DEFAULT_QUERY.sort,
    dir: firstString(query.dir) === 'desc' ? 'desc' : 'asc',
    page: pageNumber(firstString(query.page), MAX_PAGE),
    perPage: oneOf(PAGE_SIZES, Number(firstString(query.perPage))) ?? DEFAULT_QUERY.perPage,
    sync: oneOf(SYNC_FILTERS, firstString(query.sync)) ?? null,
  };
}

/** The last page whose rows lie within ROW_CAP; later pages are empty. */
export function lastPageWithin(perPage: number): number {
  return Math.ceil(ROW_CAP / perPage);
}

/** The query string for a list URL, leaving out defaults so links stay short. */
export function accountListQueryString(
  query: AccountListQuery,
  changes: Partial<AccountListQuery> = {},
): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_QUERY) as (keyof AccountListQuery)[]) {
    const value = merged[key];
    if (value !== DEFAULT_QUERY[key] && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
