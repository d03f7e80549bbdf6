import { stateBadge, type Badge } from '../../web/badge';
import { isolated } from '../../web/isolated';
import { accountPath } from '../../connect/contactKey';
import type { AccountMapping } from '../accountTable';
import type { AccountPage, AccountSummary } from './accountPage';
import {
  accountListQueryString,
  lastPageWithin,
  PAGE_SIZES,
  SORT_KEYS,
  type AccountListQuery,
  type SortKey,
} from './params';
import { sortColumn } from './sql';

export interface SortHeader {
  label: string;
  href: string;
  ariaSort: 'ascending' | 'descending' | 'none';
  arrow: string | null;
}

export interface AccountRowView {
  href: string;
  name: string;
  website: string;
  phone: string;
  /** "Lyon, France": the billing city and country that are filled in. */
  place: string;
  contacts: string | null;
  badge: Badge;
}

const HEADER_LABELS: Record<SortKey, string> = { name: 'Name', city: 'Billing city', sync: 'Sync' };

const count = (n: number) => n.toLocaleString('en-US');

/** The list page's view model: rows, headers that sort, the status line and the pager. */
export function listView(mapping: AccountMapping, query: AccountListQuery, page: AccountPage) {
  const pageCount = page.totalIsCapped ? null : Math.max(1, Math.ceil(page.total / query.perPage));
  const hasNext =
    query.page < lastPageWithin(query.perPage) &&
    (pageCount === null ? page.accounts.length === query.perPage : query.page < pageCount);
  const href = (changes: Partial<AccountListQuery>) =>
    `/accounts${accountListQueryString(query, changes)}`;
  const noun = page.total === 1 && !page.totalIsCapped ? 'account' : 'accounts';
  return {
    title: query.q ? `Accounts matching “${isolated(query.q)}”` : 'Accounts',
    query,
    rows: page.accounts.map(rowView),
    shown: {
      website: mapping.account.columns.has('website'),
      phone: mapping.account.columns.has('phone'),
      place: ['billingcity', 'billingcountry'].some((c) => mapping.account.columns.has(c)),
      contacts: mapping.accountLinks,
    },
    matchCount: `${count(page.total)}${page.totalIsCapped ? '+' : ''} ${noun}`,
    caption: `Accounts, sorted by ${HEADER_LABELS[query.sort]}, ${query.dir === 'asc' ? 'ascending' : 'descending'}`,
    /** A column's header links to its sort when the mapping has the column. */
    sorts: Object.fromEntries(
      SORT_KEYS.map((key) => [
        key,
        sortColumn(mapping, key) === null ? null : sortHeader(query, key, href),
      ]),
    ) as Record<SortKey, SortHeader | null>,
    pageSizes: PAGE_SIZES,
    previousHref: query.page > 1 ? href({ page: query.page - 1 }) : null,
    nextHref: hasNext ? href({ page: query.page + 1 }) : null,
    pageText: pageCount
      ? `Page ${count(query.page)} of ${count(pageCount)}`
      : `Page ${count(query.page)}`,
    emptyMessage: query.q || query.sync ? 'No accounts match.' : 'No accounts to show.',
    syncText: query.sync?.toUpperCase() ?? null,
  };
}

function rowView(account: AccountSummary): AccountRowView {
  const { values } = account;
  return {
    href: accountPath(account.key),
    name: account.name,
    website: values.website ?? '',
    phone: values.phone ?? '',
    place: [values.billingcity, values.billingcountry].filter((part) => !!part).join(', '),
    contacts:
      account.contactCount === null
        ? null
        : `${count(account.contactCount)}${account.contactCountIsCapped ? '+' : ''}`,
    badge: stateBadge(account.syncState),
  };
}

/** Clicking the current sort column flips its direction; any other column starts ascending. */
function sortHeader(
  query: AccountListQuery,
  key: SortKey,
  href: (changes: Partial<AccountListQuery>) => string,
): SortHeader {
  const active = query.sort === key;
  return {
    label: HEADER_LABELS[key],
    href: href({ sort: key, dir: active && query.dir === 'asc' ? 'desc' : 'asc', page: 1 }),
    ariaSort: active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none',
    arrow: active ? (query.dir === 'asc' ? '▲' : '▼') : null,
  };
}
