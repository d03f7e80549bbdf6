import type { ContactPage } from './listRepository';
import {
  lastPageWithin,
  listQueryString,
  PAGE_SIZES,
  PAGEABLE_ROWS,
  type ListQuery,
  type SortKey,
} from './listQuery';

export interface SortHeader {
  label: string;
  href: string;
  ariaSort: 'ascending' | 'descending' | 'none';
}

export interface ListView {
  title: string;
  query: ListQuery;
  page: ContactPage;
  matchesText: string;
  headers: Record<SortKey, SortHeader>;
  pageSizes: readonly number[];
  previousHref: string | null;
  nextHref: string | null;
  firstHref: string | null;
  pageCount: number | null;
  /** What the page says when it shows no contacts. */
  emptyMessage: string;
}

const HEADER_LABELS: Record<SortKey, string> = {
  name: 'Name',
  title: 'Title',
  email: 'Email',
  phone: 'Phone',
  sync: 'Sync',
};

export function listView(query: ListQuery, page: ContactPage): ListView {
  const pageCount = page.totalIsCapped ? null : Math.max(1, Math.ceil(page.total / query.perPage));
  const lastPage = lastPageWithin(query.perPage);
  const hasNext =
    query.page < lastPage &&
    (pageCount === null ? page.contacts.length === query.perPage : query.page < pageCount);
  const href = (changes: Partial<ListQuery>) => `/contacts${listQueryString(query, changes)}`;
  return {
    title: query.q ? `Contacts matching “${query.q}”` : 'Contacts',
    query,
    page,
    matchesText: matchesText(page),
    headers: sortHeaders(query, href),
    pageSizes: PAGE_SIZES,
    previousHref: query.page > 1 ? href({ page: query.page - 1 }) : null,
    nextHref: hasNext ? href({ page: query.page + 1 }) : null,
    firstHref: query.page > 1 && page.contacts.length === 0 ? href({ page: 1 }) : null,
    pageCount,
    emptyMessage: emptyMessage(query, lastPage),
  };
}

function emptyMessage(query: ListQuery, lastPage: number): string {
  if (query.page > lastPage) {
    return (
      `Paging stops after the first ${PAGEABLE_ROWS.toLocaleString('en-US')} contacts. ` +
      'Search to narrow them down, or reverse the sort to see the end of the list.'
    );
  }
  return query.page > 1 ? 'There are no contacts on this page.' : 'No contacts match.';
}

function matchesText(page: ContactPage): string {
  const count = page.total.toLocaleString('en-US');
  if (page.totalIsCapped) return `${count}+ contacts`;
  return page.total === 1 ? '1 contact' : `${count} contacts`;
}

/** Clicking the current sort column flips its direction; any other column starts ascending. */
function sortHeaders(query: ListQuery, href: (changes: Partial<ListQuery>) => string) {
  const entries = (Object.keys(HEADER_LABELS) as SortKey[]).map((key): [SortKey, SortHeader] => {
    const active = query.sort === key;
    const dir = active && query.dir === 'asc' ? 'desc' : 'asc';
    return [
      key,
      {
        label: HEADER_LABELS[key],
        href: href({ sort: key, dir, page: 1 }),
        ariaSort: active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none',
      },
    ];
  });
  return Object.fromEntries(entries) as Record<SortKey, SortHeader>;
}
