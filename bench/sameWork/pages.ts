import { accountByKey } from '../../src/connect/accountLookup';
import type { Mapping } from '../../src/connect/mapping';
// The baseline answers as CONTACT_VISIBILITY=all does.
import { ALL_RECORDS } from '../../src/connect/ownerScope';
import { cardRelations, cardView } from '../../src/contacts/card/cardView';
import { readCard } from '../../src/contacts/card/cardRead';
import { CARD_ENTRIES, changedHereEntry } from '../../src/records/changedHere';
import { listPage as readListPage } from '../../src/contacts/list/listPage';
import { parseListQuery } from '../../src/contacts/list/params';
import { servableQuery } from '../../src/contacts/list/accountOrder';
import { listView } from '../../src/contacts/list/listView';
import { historyView } from '../../src/sync/history';
import { salesforceUserId } from '../../src/web/signedInUser';
import { cardHtml } from './cardHtml';
import { listHtml } from './listHtml';
import { firstValues } from './respond';
import type { Services } from './services';
import type { Visitor } from './visitor';

/**
 * A page, or where to send the browser instead, or null when there is no such contact (or no
 * such account to list the contacts of).
 */
export type PageOutcome = { html: string } | { redirect: string } | null;

/**
 * GET /contacts, as showList in src/contacts/list/listHandler.ts: the account the list is
 * narrowed to, then the page and the header's sync counts, through the app's own functions, so
 * the same statements go out with the same parameters and the same capped-count cache decides
 * which of them run. "My contacts" narrows to the visitor's Salesforce user id.
 */
export async function listPage(
  services: Services,
  mapping: Mapping,
  visitor: Visitor,
  search: URLSearchParams,
): Promise<PageOutcome> {
  const query = servableQuery(mapping, parseListQuery(firstValues(search)));
  const account =
    query.account === null
      ? null
      : await accountByKey(services.db, mapping, query.account, ALL_RECORDS);
  if (query.account !== null && !account) return null;
  const ownerId = query.owner === 'me' ? salesforceUserId(visitor.user) : null;
  const { page, summary } = await readListPage(
    services.db,
    services.cappedCounts,
    mapping,
    query,
    { account, ownerId },
    { scope: ALL_RECORDS },
  );
  const canFilterMine = mapping.owners && salesforceUserId(visitor.user) !== null;
  const view = listView(query, page, summary, { account, ownerId, canFilterMine }, mapping);
  return { html: listHtml(view, mapping, { visitor, assets: services.assets }) };
}

/**
 * GET /contacts/:key, as showCard in src/contacts/card/cardHandler.ts: the row with its write
 * history and its audit entries, read by the app's readCard.
 */
export async function cardPage(
  services: Services,
  mapping: Mapping,
  visitor: Visitor,
  key: string,
): Promise<PageOutcome> {
  const card = await readCard(services.db, mapping, key, ALL_RECORDS, {
    changedHereLimit: CARD_ENTRIES,
    withOwnerChoices: visitor.can.edit,
  });
  if (!card) return null;
  const relations = cardRelations(mapping, card.ownerChoices);
  const view = cardView(card.contact, mapping.fields, visitor.user.timeZone, undefined, relations);
  if (card.contact.key !== key) return { redirect: view.links.href };
  const extras = {
    history: card.history && historyView(card.history, view.links.href, visitor.user.timeZone),
    changedHere: card.changedHere.map((entry) => changedHereEntry(entry, visitor.user.timeZone)),
  };
  return { html: cardHtml(view, extras, mapping, { visitor, assets: services.assets }) };
}
