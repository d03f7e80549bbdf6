import { parseKey } from '../../connect/contactKey';
import {
  historyFromJson,
  historyJson,
  type TriggerLogEntry,
  type TriggerLogJsonRow,
} from '../../connect/triggerLog';
import { ACCOUNT_OBJECT } from '../../connect/mappedObject';
import type { Database } from '../../db/database';
import { accountColumns, toAccount, type Account, type AccountRow } from '../account';
import {
  accountKeyCondition,
  accountTable,
  visibleAccount,
  type AccountMapping,
} from '../accountTable';

export interface AccountRead {
  account: Account;
  /** Connect's writes of the row, or null where there is no trigger log. */
  history: TriggerLogEntry[] | null;
}

/**
 * The account a URL's key names, with its write history, in one statement (a round trip costs
 * a worker more than the query). Null for a key that names no account; a soft-deleted one is
 * not found.
 */
export async function readAccount(
  db: Database,
  mapping: AccountMapping,
  key: string,
): Promise<AccountRead | null> {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const history = mapping.triggerLog
    ? historyJson(mapping.schema, 'account.id', ACCOUNT_OBJECT)
    : 'NULL::json';
  const result = await db.query<AccountRow & { history: TriggerLogJsonRow[] | null }>(
    `SELECT ${accountColumns(mapping)}, ${history} AS history
       FROM ${accountTable(mapping)} AS account
      WHERE ${accountKeyCondition(mapping, lookup)} AND ${visibleAccount(mapping)} LIMIT 1`,
    [lookup.value],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    account: toAccount(row, mapping),
    history: mapping.triggerLog ? historyFromJson(row.history) : null,
  };
}
