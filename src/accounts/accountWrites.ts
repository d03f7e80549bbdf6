import type { AuditedContact } from '../audit/auditEntry';
import { parseKey } from '../connect/contactKey';
import { appendParam, ownedBy, type OwnerScope } from '../connect/ownerScope';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { accountColumns, toAccount, type Account, type AccountRow } from './account';
import {
  accountKeyCondition,
  accountTable,
  visibleAccount,
  type AccountMapping,
} from './accountTable';

/**
 * The account a URL's key names within the owner scope, locked until the transaction ends: a save decides on what the
 * row holds and writes it before anyone else can change it (Connect's own writes wait too).
 */
export async function lockAccount(
  client: Queryable,
  mapping: AccountMapping,
  key: string,
  scope: OwnerScope,
): Promise<Account | null> {
  const lookup = parseKey(key);
  if (!lookup) return null;
  const params: unknown[] = [lookup.value];
  const result = await client.query<AccountRow>(
    `SELECT ${accountColumns(mapping)} FROM ${accountTable(mapping)} AS account
      WHERE ${accountKeyCondition(mapping, lookup)} AND ${visibleAccount(mapping)}
        AND ${ownedBy(scope, appendParam(params), 'account')}
      LIMIT 1 FOR UPDATE`,
    params,
  );
  const row = result.rows[0];
  return row ? toAccount(row, mapping) : null;
}

/**
 * Writes just these mapped columns of a locked row: Connect logs exactly the changed columns
 * and sends only them to Salesforce. Called only with a changed value, because Connect's
 * trigger marks the row PENDING on any UPDATE, even one that changes nothing.
 */
export async function updateAccount(
  client: Queryable,
  mapping: AccountMapping,
  rowId: number,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const columns = Object.keys(values).filter((column) => mapping.account.columns.has(column));
  if (columns.length === 0) throw new Error('an account update must change a mapped column');
  const assignments = columns.map((column, i) => `${quoteIdentifier(column)} = $${i + 2}`);
  await client.query(
    `UPDATE ${accountTable(mapping)} SET ${assignments.join(', ')} WHERE id = $1`,
    [rowId, ...columns.map((column) => values[column] || null)],
  );
}

/** The account by every name its page can be found under later, as the audit trail keeps it. */
export function auditedAccount({ key, rowId, sfid, externalId }: Account): AuditedContact {
  return { key, rowId, sfid, externalId };
}
