import { ACCOUNT_NAME_KEY } from '../../connect/accountLookup';
import { ACCOUNT_ID_COLUMN, ACCOUNT_OBJECT, OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { readMapping } from '../../connect/mapping';
import { CONTACT_TABLE } from '../../connect/contactTable';
import type { Database } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import {
  ensureIndexes,
  hasIndexLeadingWith,
  indexSpec,
  trigramOperatorClass,
  type IndexSpec,
} from '../../db/indexes';
import type { ContactVisibility } from '../../records/visibility';
import type { AccountMapping } from '../accountTable';
import { visibleAccount } from '../accountTable';
import { SORT_KEYS } from './params';
import { FILTERED_STATES_SQL, orderBy, searchDocument, sortColumn } from './sql';

/** Names this feature's indexes on the contact table, which the contact list also indexes. */
const OWNER = 'accounts';

/**
 * The account table's indexes, each matching a list query's exact expression, order and
 * predicate (built from sql.ts, as the queries are): a sorted page at 140,000 accounts reads
 * only its rows, and a search reads only its matches. Index names are unique in a schema, and
 * the contact list's sort by sync has the same definition: hence the `account_` in each.
 */
export function accountIndexSpecs(
  mapping: AccountMapping,
  trigramOps: string | null,
  visibility: ContactVisibility = 'all',
) {
  const visible = visibleAccount(mapping);
  const onlyVisible = visible === 'TRUE' ? '' : ` WHERE ${visible}`;
  const specs: IndexSpec[] = [];
  if (trigramOps) {
    specs.push(
      indexSpec('account_search', `USING gin ((${searchDocument()}) ${trigramOps})${onlyVisible}`),
    );
  }
  if (mapping.account.columns.has('_hc_lastop')) {
    // Failed and pending accounts are few: a small index finds them for the sync filter.
    specs.push(
      indexSpec(
        'account_sync_state',
        `(_hc_lastop, ${orderBy(mapping, 'name', 'asc')}) WHERE _hc_lastop IN (${FILTERED_STATES_SQL})`,
      ),
    );
  }
  // The contact form's Account field looks accounts up by their whole name.
  specs.push(indexSpec('account_name', `(${ACCOUNT_NAME_KEY})${onlyVisible}`));
  for (const sort of SORT_KEYS) {
    if (sortColumn(mapping, sort) === null) continue;
    for (const dir of ['asc', 'desc'] as const) {
      specs.push(
        indexSpec(`account_sort_${sort}_${dir}`, `(${orderBy(mapping, sort, dir)})${onlyVisible}`),
      );
      // Restricted to their own accounts (CONTACT_VISIBILITY=owner), each sort starts at the owner.
      if (visibility === 'owner' && mapping.account.columns.has(OWNER_ID_COLUMN)) {
        specs.push(
          indexSpec(
            `account_owner_${sort}_${dir}`,
            `(${OWNER_ID_COLUMN}, ${orderBy(mapping, sort, dir)})${onlyVisible}`,
          ),
        );
      }
    }
  }
  return specs;
}

/**
 * The contact table's indexes that find an account's contacts: by AccountId, and by the
 * relationship External ID of contacts written before their account had an sfid. Each shown
 * account's count and its page's contacts come through them.
 */
export function contactLinkIndexSpecs(
  mapping: AccountMapping,
  accountIdIndexed: boolean,
): IndexSpec[] {
  const specs: IndexSpec[] = [];
  if (mapping.accountLinks && !accountIdIndexed) {
    specs.push(indexSpec('account_id', `(${quoteIdentifier(ACCOUNT_ID_COLUMN)})`, OWNER));
  }
  if (mapping.accountRelationship !== null) {
    const column = quoteIdentifier(mapping.accountRelationship);
    specs.push(indexSpec('account_external_id', `(${column})`, OWNER));
  }
  return specs;
}

/**
 * Creates or repairs the account pages' indexes beside the contact list's (release.ts,
 * devServer.ts, the demo's postdeploy); nothing to do before Connect maps Account.
 */
export async function ensureAccountIndexes(
  db: Database,
  schema: string,
  log: (message: string) => void,
  detail: (message: string) => void = log,
  { visibility }: { visibility: ContactVisibility } = { visibility: 'all' },
): Promise<void> {
  const mapping = await readMapping(db, schema);
  if (mapping.account === null) {
    log(`No ${schema}.${ACCOUNT_OBJECT.table} table mapped: no account indexes to create.`);
    return;
  }
  const accounts = mapping as AccountMapping;
  const contact = { schema, name: CONTACT_TABLE };
  await db.withClient(
    async (client) => {
      // Building an index over a million contacts takes longer than any request may.
      await client.query('SET statement_timeout = 0');
      const trigramOps = await trigramOperatorClass(client);
      const specs = accountIndexSpecs(accounts, trigramOps, visibility);
      await ensureIndexes(client, { schema, name: ACCOUNT_OBJECT.table }, specs, detail);
      // Connect may map Account before Contact's table exists: then no contact has an account.
      const accountIdIndexed =
        mapping.accountLinks && (await hasIndexLeadingWith(client, contact, ACCOUNT_ID_COLUMN));
      const links = mapping.tablePresent ? contactLinkIndexSpecs(accounts, accountIdIndexed) : [];
      if (mapping.tablePresent) await ensureIndexes(client, contact, links, detail, OWNER);
      log(`Account indexes ready: ${specs.length + links.length} in use.`);
    },
    { discardAfter: true },
  );
}
