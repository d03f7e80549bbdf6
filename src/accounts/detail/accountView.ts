import { cardPath } from '../../connect/contactKey';
import type { TriggerLogEntry } from '../../connect/triggerLog';
import { stateBadge } from '../../web/badge';
import { isolated } from '../../web/isolated';
import { accountPath } from '../../connect/contactKey';
import type { Account } from '../account';
import type { AccountMapping } from '../accountTable';
import { CONTACTS_PER_PAGE, type AccountContactPage } from './accountContacts';

/**
 * Connect's write history as views/accounts/history.ejs shows it; passed in by routes.ts, so
 * this feature needs no sync internals.
 */
export type WriteHistoryView = (
  entries: TriggerLogEntry[],
  back: string,
  timeZone: string,
) => object;

const count = (n: number) => n.toLocaleString('en-US');

/** The account page's view model: details, sync state, write history and a page of contacts. */
export function accountView(
  mapping: AccountMapping,
  account: Account,
  contacts: AccountContactPage | null,
  page: number,
  history: object | null,
) {
  const href = accountPath(account.key);
  return {
    title: isolated(account.name),
    account,
    href,
    badge: stateBadge(account.syncState),
    // An app-inserted row has no sfid until Connect has sent it, whatever its last state says.
    awaitingSync:
      account.syncState === 'PENDING' || (!account.sfid && account.syncState !== 'FAILED'),
    details: mapping.account.fields
      .filter((field) => field.column !== 'name')
      .map((field) => ({ label: field.label, value: account.values[field.column] ?? '' })),
    history,
    contacts: contacts && contactsView(contacts, page, href),
  };
}

function contactsView(contacts: AccountContactPage, page: number, href: string) {
  const pageCount = Math.max(1, Math.ceil(contacts.total / CONTACTS_PER_PAGE));
  const pageHref = (n: number) => (n === 1 ? href : `${href}?page=${n}`);
  const hasNext = contacts.totalIsCapped
    ? contacts.contacts.length === CONTACTS_PER_PAGE
    : page < pageCount;
  return {
    rows: contacts.contacts.map((contact) => ({
      ...contact,
      href: cardPath(contact.key),
      badge: stateBadge(contact.syncState),
    })),
    countText:
      contacts.total === 1 && !contacts.totalIsCapped
        ? '1 contact'
        : `${count(contacts.total)}${contacts.totalIsCapped ? '+' : ''} contacts`,
    previousHref: page > 1 ? pageHref(page - 1) : null,
    nextHref: hasNext ? pageHref(page + 1) : null,
    pageText: contacts.totalIsCapped
      ? `Page ${count(page)}`
      : `Page ${count(page)} of ${count(pageCount)}`,
  };
}
