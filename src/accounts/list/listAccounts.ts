import type { CappedCounts } from '../../db/cappedCounts';
import type { Database } from '../../db/database';
import type { OwnerScope } from '../../connect/ownerScope';
import { accountColumns, toAccount, type AccountRow } from '../account';
import { accountTable, linkedContacts, type AccountMapping } from '../accountTable';
import type { AccountPage, AccountSummary } from './accountPage';
import { ROW_CAP, type AccountListQuery } from './params';
import { listCondition, matchesSearch, orderBy, searchDocument } from './sql';

type ListedRow = AccountRow & { contact_count: number | null };

/**
 * One page of accounts and the number of matches, capped at ROW_CAP as the contact list's are,
 * so a page costs about the same at 140,000 accounts as at a hundred:
 * - A search or sync filter first collects up to ROW_CAP + 1 matches through the trigram index; when that is
 *   all of them, the same statement sorts them, pages and counts, so a rare name costs as little
 *   as its matches (walking the sort index hoping to meet them would read every account).
 * - Without a search, or for a common one, rows come from the index matching the sort, which
 *   meets a common name's matches early. A common search is remembered for a while (as the
 *   contact list's are, db/cappedCounts.ts), so its next pages skip collecting the matches.
 * Contacts are counted for the shown rows only, through the contact indexes on AccountId and
 * the relationship column.
 */
export async function listAccounts(
  db: Database,
  counts: CappedCounts,
  mapping: AccountMapping,
  query: AccountListQuery,
  scope: OwnerScope,
): Promise<AccountPage> {
  const table = accountTable(mapping);
  const condition = listCondition(mapping, query, scope);
  const { where, params, narrowed } = condition;
  const contactCount = contactCountOf(mapping, condition.ownedContacts);
  const order = orderBy(mapping, query.sort, query.dir);
  const offset = (query.page - 1) * query.perPage;
  const window = `ORDER BY ${order} LIMIT ${query.perPage} OFFSET ${offset}`;
  // A search that had more matches than the cap a moment ago still has: skip collecting them.
  const countKey = JSON.stringify(['accounts', mapping.schema, query.q, query.sync, scope]);
  const knownCapped = narrowed && counts.isCapped(countKey);
  if (narrowed && !knownCapped) {
    // Without matches on the page, the one row carries only the total.
    const result = await db.query<Omit<ListedRow, 'id'> & { id: number | null; total: number }>(
      `WITH matches AS MATERIALIZED (
         SELECT ${accountColumns(mapping)} FROM ${table} AS account
          WHERE ${where} LIMIT ${ROW_CAP + 1})
       SELECT counted.total, page.*, ${contactCount} AS contact_count
         FROM (SELECT count(*)::int AS total FROM matches) AS counted
         LEFT JOIN LATERAL (SELECT * FROM matches ${window}) AS page ON true
        ORDER BY ${order}`,
      params,
    );
    const total = result.rows[0]?.total ?? 0;
    const rows = result.rows.filter((row): row is ListedRow & { total: number } => row.id !== null);
    if (total <= ROW_CAP) return accountPage(mapping, rows, total);
    counts.remember(countKey);
  }
  const pageOf = (rows: string) =>
    db.query<ListedRow>(
      `SELECT page.*, ${contactCount} AS contact_count FROM (${rows}) AS page
        ORDER BY ${order}`,
      params,
    );
  const inOrder = `SELECT ${accountColumns(mapping)} FROM ${table} AS account WHERE ${where} ${window}`;
  const [rows, total] = await Promise.all([
    offset >= ROW_CAP
      ? null
      : condition.searchParam
        ? commonSearchPage(
            pageOf,
            mapping,
            { ...condition, searchParam: condition.searchParam },
            query,
          )
        : pageOf(inOrder),
    // A narrowed list that got here has more matches than that: no need to count them again.
    narrowed
      ? ROW_CAP + 1
      : db
          .query<{ total: number }>(
            `SELECT count(*)::int AS total FROM (
               SELECT 1 FROM ${table} AS account WHERE ${where} LIMIT ${ROW_CAP + 1}) AS matches`,
            params,
          )
          .then((result) => result.rows[0]?.total ?? 0),
  ]);
  return accountPage(mapping, rows?.rows ?? [], total);
}

// A common search first reads this many accounts in sort order per account it must show…
const PROBE_ROWS_PER_SHOWN_ROW = 20;
// …but at least and at most this many, before it sorts all matches instead.
const PROBE_ROWS_MIN = 2_000;
const PROBE_ROWS_MAX = 20_000;

/**
 * A page of a search with more matches than the cap, as the contact list reads one: among the
 * first accounts in sort order, through the sort's index, which holds a common name's first
 * matches; the planner, misjudging how common a LIKE is, would otherwise collect every match
 * through the trigram index and sort them. When they lie further on, every match is sorted.
 */
async function commonSearchPage(
  pageOf: (rows: string) => Promise<{ rows: ListedRow[] }>,
  mapping: AccountMapping,
  condition: { shown: string; searchParam: string; where: string },
  query: AccountListQuery,
) {
  const order = orderBy(mapping, query.sort, query.dir);
  const offset = (query.page - 1) * query.perPage;
  const window = `ORDER BY ${order} LIMIT ${query.perPage} OFFSET ${offset}`;
  const probe = Math.min(
    PROBE_ROWS_MAX,
    Math.max(PROBE_ROWS_MIN, (offset + query.perPage) * PROBE_ROWS_PER_SHOWN_ROW),
  );
  const probed = await pageOf(
    `SELECT * FROM (
       SELECT ${accountColumns(mapping)}, ${searchDocument()} AS search_document
         FROM ${accountTable(mapping)} AS account WHERE ${condition.shown}
        ORDER BY ${order} LIMIT ${probe}) AS first_in_order
      WHERE ${matchesSearch('search_document', condition.searchParam)} ${window}`,
  );
  if (probed.rows.length === query.perPage) return probed;
  return pageOf(
    `SELECT * FROM (SELECT ${accountColumns(mapping)} FROM ${accountTable(mapping)} AS account
                     WHERE ${condition.where} OFFSET 0) AS matches ${window}`,
  );
}

function accountPage(mapping: AccountMapping, rows: ListedRow[], total: number): AccountPage {
  return {
    accounts: rows.map((row): AccountSummary => ({
      ...toAccount(row, mapping),
      contactCount: row.contact_count === null ? null : Math.min(row.contact_count, ROW_CAP),
      contactCountIsCapped: (row.contact_count ?? 0) > ROW_CAP,
    })),
    total: Math.min(total, ROW_CAP),
    totalIsCapped: total > ROW_CAP,
  };
}

/**
 * A shown account's contacts within the owner scope, counted up to ROW_CAP + 1; NULL when none
 * can be linked.
 */
function contactCountOf(mapping: AccountMapping, owned: string): string {
  const linked = linkedContacts(mapping, 'page.sfid', 'page.external_id');
  if (linked === null) return 'NULL::int';
  return `(SELECT count(*)::int FROM (SELECT 1 ${linked} AND ${owned} LIMIT ${ROW_CAP + 1})
             AS counted)`;
}
