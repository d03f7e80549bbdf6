import { accountPath, cardPath } from '../../connect/contactKey';
import type { AccountChoice } from '../../connect/accountLookup';
import { isolated, isolatedParts } from '../../web/isolated';
import { stateBadge, type Badge } from '../../web/badge';
import type { Mapping } from '../../connect/mapping';
import { canSortByAccount } from './accountOrder';
import type { ContactPage, ContactSummary } from './listContacts';
import {
  DEFAULT_LIST_QUERY,
  lastPageWithin,
  listQueryString,
  PAGE_SIZES,
  ROW_CAP,
  SORT_KEYS,
  type ListQuery,
  type SortKey,
  type SyncFilter,
} from './params';
import type { SyncSummary } from './syncSummary';
import { BATCH_LIMIT } from '../../records/batches';

/** A column header: a link that sorts by it, or plain text for a column nothing sorts by. */
export interface SortHeader {
  label: string;
  href: string | null;
  ariaSort: 'ascending' | 'descending' | 'none';
  /** The arrow beside the active column, or null. */
  arrow: string | null;
}

/** A contact as its row in the table shows it: linked to its card, with its sync badge. */
export interface ContactRow extends ContactSummary {
  href: string;
  badge: Badge;
  /** The accessible name of the row's checkbox for bulk actions, which editors see. */
  chooseLabel: string;
}

export interface SummaryLink {
  href: string;
  badge: Badge;
}

export interface ListView {
  title: string;
  query: ListQuery;
  rows: ContactRow[];
  /** The header's links to failed and pending contacts, when the mapping has sync state. */
  summaryLinks: SummaryLink[];
  /** The status line's parts: "1,234 contacts", matching "smi", with sync state FAILED. */
  matches: Matches;
  filtered: boolean;
  caption: string;
  headers: SortHeader[];
  pageSizes: readonly number[];
  previousHref: string | null;
  nextHref: string | null;
  firstHref: string | null;
  pageText: string;
  /** What the page says when it shows no contacts. */
  emptyMessage: string;
  /** The account the list is narrowed to, linked to its page; null when it is not. */
  account: { name: string; href: string } | null;
  /** "My contacts" and "All owners" as links, when the reader can own contacts. */
  ownerLinks: { mine: string; all: string; active: 'mine' | 'all' } | null;
  /** Every contact of this list, in its order, as CSV: the same query without the paging. */
  csvHref: string;
  /** What an editor's form for bulk actions carries and offers (the view shows it to editors). */
  bulk: BulkChoice;
}

/**
 * The list's form for bulk actions: the query it was chosen from, as hidden fields, and either
 * how many contacts "all that match" would choose or, past BATCH_LIMIT, the limit to narrow to.
 */
export interface BulkChoice {
  fields: { name: string; value: string }[];
  allCount: string | null;
  limit: string;
}

/** What narrows the list besides the query string's search and sync filter, once resolved. */
export interface ListNarrowing {
  account: AccountChoice | null;
  ownerId: string | null;
  /** Whether the reader is a Salesforce user and OwnerId is mapped, so "My contacts" works. */
  canFilterMine: boolean;
}

/** The columns the mapping gives the list beside the contact's own. */
export interface RelatedColumns {
  account: 'sortable' | 'shown' | null;
  owner: boolean;
}

export function relatedColumnsOf(mapping: Mapping): RelatedColumns {
  const account = canSortByAccount(mapping) ? 'sortable' : mapping.accountLinks ? 'shown' : null;
  return { account, owner: mapping.owners };
}

const HEADER_LABELS: Record<SortKey, string> = {
  name: 'Name',
  title: 'Title',
  email: 'Email',
  phone: 'Phone',
  account: 'Account',
  sync: 'Sync',
};

const count = (n: number) => n.toLocaleString('en-US');

export function listView(
  query: ListQuery,
  page: ContactPage,
  summary: SyncSummary | null,
  narrowing: ListNarrowing,
  mapping: Mapping,
): ListView {
  const related = relatedColumnsOf(mapping);
  const pageCount = page.totalIsCapped ? null : Math.max(1, Math.ceil(page.total / query.perPage));
  const lastPage = lastPageWithin(query.perPage);
  const hasNext =
    query.page < lastPage &&
    (pageCount === null ? page.contacts.length === query.perPage : query.page < pageCount);
  const href = (changes: Partial<ListQuery>) => `/contacts${listQueryString(query, changes)}`;
  return {
    title: query.q ? `Contacts matching “${isolated(query.q)}”` : 'Contacts',
    query,
    rows: page.contacts.map((contact) => ({
      ...contact,
      href: cardPath(contact.key),
      badge: stateBadge(contact.syncState),
      chooseLabel: `Choose ${isolatedParts(contact.nameParts)}`,
    })),
    summaryLinks: summary ? summaryLinks(summary) : [],
    matches: matches(query, page),
    filtered:
      query.q !== '' || query.sync !== null || narrowing.account !== null || query.owner !== null,
    caption: `Contacts, sorted by ${HEADER_LABELS[query.sort]}, ${query.dir === 'asc' ? 'ascending' : 'descending'}`,
    headers: headers(query, related, href),
    pageSizes: PAGE_SIZES,
    previousHref: query.page > 1 ? href({ page: query.page - 1 }) : null,
    nextHref: hasNext ? href({ page: query.page + 1 }) : null,
    firstHref: query.page > 1 && page.contacts.length === 0 ? href({ page: 1 }) : null,
    pageText: pageCount
      ? `Page ${count(query.page)} of ${count(pageCount)}`
      : `Page ${count(query.page)}`,
    emptyMessage: emptyMessage(query, lastPage),
    account: narrowing.account && {
      name: narrowing.account.name,
      href: accountPath(narrowing.account.key),
    },
    ownerLinks: narrowing.canFilterMine
      ? {
          mine: href({ owner: 'me', page: 1 }),
          all: href({ owner: null, page: 1 }),
          active: narrowing.ownerId !== null ? 'mine' : 'all',
        }
      : null,
    csvHref: `/contacts.csv${listQueryString(query, { page: 1, perPage: DEFAULT_LIST_QUERY.perPage })}`,
    bulk: bulkChoice(query, page),
  };
}

function bulkChoice(query: ListQuery, page: ContactPage): BulkChoice {
  const kept = new URLSearchParams(
    listQueryString(query, { page: 1, perPage: DEFAULT_LIST_QUERY.perPage }),
  );
  const tooMany = page.totalIsCapped || page.total > BATCH_LIMIT;
  return {
    fields: [...kept].map(([name, value]) => ({ name, value })),
    allCount: tooMany ? null : count(page.total),
    limit: count(BATCH_LIMIT),
  };
}

function summaryLinks(summary: SyncSummary): SummaryLink[] {
  const link = (filter: SyncFilter, total: number, capped: boolean): SummaryLink => ({
    href: `/contacts?sync=${filter}`,
    badge: { tone: filter, text: `${count(total)}${capped ? '+' : ''} ${filter}` },
  });
  const links = [
    link('failed', summary.failed, summary.capped.failed),
    link('pending', summary.pending, summary.capped.pending),
  ];
  const { accounts } = summary;
  if (accounts) {
    // Failed account writes are retried from the failed-writes page, which lists both objects.
    const accountLink = (filter: SyncFilter, href: string): SummaryLink => ({
      href,
      badge: {
        tone: filter,
        text: `${count(accounts[filter])}${accounts.capped[filter] ? '+' : ''} ${filter} ${accounts[filter] === 1 ? 'account' : 'accounts'}`,
      },
    });
    links.push(accountLink('failed', FAILED_WRITES_PATH));
    links.push(accountLink('pending', '/accounts?sync=pending'));
  }
  return links;
}

const FAILED_WRITES_PATH = '/sync/failed';

function emptyMessage(query: ListQuery, lastPage: number): string {
  if (query.page > lastPage) {
    return (
      `Paging stops after the first ${count(ROW_CAP)} contacts. ` +
      'Search to narrow them down, or reverse the sort to see the end of the list.'
    );
  }
  return query.page > 1 ? 'There are no contacts on this page.' : 'No contacts match.';
}

interface Matches {
  count: string;
  /** The search, which the view isolates: the user's text inside the app's sentence. */
  search: string | null;
  sync: string | null;
}

function matches(query: ListQuery, page: ContactPage): Matches {
  const total = page.totalIsCapped
    ? `${count(page.total)}+ contacts`
    : page.total === 1
      ? '1 contact'
      : `${count(page.total)} contacts`;
  return { count: total, search: query.q || null, sync: query.sync?.toUpperCase() ?? null };
}

/**
 * Clicking the current sort column flips its direction; any other column starts ascending.
 * Account and Owner sit before Sync; Owner, and Account without its table, sort nothing.
 */
function headers(
  query: ListQuery,
  related: RelatedColumns,
  href: (changes: Partial<ListQuery>) => string,
): SortHeader[] {
  const sortable = (key: SortKey): SortHeader => {
    const active = query.sort === key;
    const dir = active && query.dir === 'asc' ? 'desc' : 'asc';
    return {
      label: HEADER_LABELS[key],
      href: href({ sort: key, dir, page: 1 }),
      ariaSort: active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none',
      arrow: active ? (query.dir === 'asc' ? '▲' : '▼') : null,
    };
  };
  const plain = (label: string): SortHeader => ({
    label,
    href: null,
    ariaSort: 'none',
    arrow: null,
  });
  return SORT_KEYS.flatMap((key): SortHeader[] => {
    if (key === 'account') {
      if (related.account === null) return [];
      return [related.account === 'sortable' ? sortable(key) : plain(HEADER_LABELS[key])];
    }
    if (key === 'sync' && related.owner) return [plain('Owner'), sortable(key)];
    return [sortable(key)];
  });
}
