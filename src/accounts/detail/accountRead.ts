import {
  recordEntriesFromJson,
  recordEntriesJson,
  type RecordAuditEntry,
  type RecordEntryJson,
} from '../../audit/recordEntries';
import { parseKey } from '../../connect/contactKey';
import {
  historyFromJson,
  historyJson,
  type TriggerLogEntry,
  type TriggerLogJsonRow,
} from '../../connect/triggerLog';
import { ACCOUNT_OBJECT } from '../../connect/mappedObject';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import type { Database } from '../../db/database';
import { accountColumns, toAccount, type Account, type AccountRow } from '../account';
import {
  accountExternalId,
  accountKeyCondition,
  accountTable,
  visibleAccount,
  type AccountMapping,
} from '../accountTable';

export interface AccountRead {
  account: Account;
  /** Connect's writes of the row, or null where there is no trigger log. */
  history: TriggerLogEntry[] | null;
  /** The latest entries of the audit trail about it. */
  changedHere: RecordAuditEntry[];
}

/** Enough to see which app user caused which of Connect's writes; the audit page has the rest. */
export const ACCOUNT_ENTRIES = 5;

/**
 * The account a URL's key names, with its write history and its latest audit entries, in one
 * statement (a round trip costs
 * a worker more than the query). Null for a key that names no account; a soft-deleted one is
 * not found, nor one outside the owner scope.
 */
export async function readAccount(
  db: Database,
  mapping: AccountMapping,
  key: string,
  scope: OwnerScope,
): Promise<AccountRead | null> {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const history = mapping.triggerLog
    ? historyJson(mapping.schema, 'account.id', ACCOUNT_OBJECT)
    : 'NULL::json';
  // The key as the URL gives it ($2): a page whose key differs only redirects to the right one.
  const names = {
    sfid: 'account.sfid',
    externalId: accountExternalId(mapping, 'account'),
    key: '$2',
  };
  const changedHere = recordEntriesJson('account', names, ACCOUNT_ENTRIES);
  const params: unknown[] = [lookup.value, key];
  const owned = ownedBy(scope, appendParam(params), 'account');
  const result = await db.query<
    AccountRow & { history: TriggerLogJsonRow[] | null; changed_here: RecordEntryJson[] | null }
  >(
    `SELECT ${accountColumns(mapping)}, ${history} AS history, ${changedHere} AS changed_here
       FROM ${accountTable(mapping)} AS account
      WHERE ${accountKeyCondition(mapping, lookup)} AND ${visibleAccount(mapping)} AND ${owned}
      LIMIT 1`,
    params,
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    account: toAccount(row, mapping),
    history: mapping.triggerLog ? historyFromJson(row.history) : null,
    changedHere: recordEntriesFromJson(row.changed_here),
  };
}
