import type { Database } from '../../db/database';
import { accountColumns, toAccount, type Account, type AccountRow } from '../account';
import { accountTable, linkedContacts, type AccountMapping } from '../accountTable';
import { ROW_CAP, type AccountListQuery } from './params';
import { listCondition, orderBy } from './sql';

export interface AccountSummary extends Account {
  /** Null when the mapping cannot link contacts to accounts. */
  contactCount: number | null;
  contactCountIsCapped: boolean;
}

export interface AccountPage {
  accounts: AccountSummary[];
  total: number;
  totalIsCapped: boolean;
}

/**
 * One page of accounts and the number of matches, both capped at ROW_CAP as the contact list's
 * are, so a request costs about the same at 140,000 accounts as at a hundred. Rows come from
 * the index matching the sort, or a search's matches from the trigram index (indexes.ts).
 * Contacts are counted for the shown rows only, each through the contact indexes on AccountId
 * and the relationship column.
 */
export async function listAccounts(
  db: Database,
  mapping: AccountMapping,
  query: AccountListQuery,
): Promise<AccountPage> {
  const table = accountTable(mapping);
  const { where, params } = listCondition(mapping, query.q);
  const order = orderBy(mapping, query.sort, query.dir);
  const offset = (query.page - 1) * query.perPage;
  const [rows, total] = await Promise.all([
    offset < ROW_CAP
      ? db.query<AccountRow & { contact_count: number | null }>(
          `SELECT page.*, ${contactCount(mapping)} AS contact_count FROM (
             SELECT ${accountColumns(mapping)} FROM ${table} AS account
              WHERE ${where} ORDER BY ${order} LIMIT ${query.perPage} OFFSET ${offset}
           ) AS page ORDER BY ${order}`,
          params,
        )
      : null,
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM (
         SELECT 1 FROM ${table} AS account WHERE ${where} LIMIT ${ROW_CAP + 1}) AS matches`,
      params,
    ),
  ]);
  const count = total.rows[0]?.total ?? 0;
  return {
    accounts: (rows?.rows ?? []).map((row) => ({
      ...toAccount(row, mapping),
      contactCount: row.contact_count === null ? null : Math.min(row.contact_count, ROW_CAP),
      contactCountIsCapped: (row.contact_count ?? 0) > ROW_CAP,
    })),
    total: Math.min(count, ROW_CAP),
    totalIsCapped: count > ROW_CAP,
  };
}

/** A shown account's contacts, counted up to ROW_CAP + 1; NULL when none can be linked. */
function contactCount(mapping: AccountMapping): string {
  const linked = linkedContacts(mapping, 'page.sfid', 'page.external_id');
  if (linked === null) return 'NULL::int';
  return `(SELECT count(*)::int FROM (SELECT 1 ${linked} LIMIT ${ROW_CAP + 1}) AS counted)`;
}
