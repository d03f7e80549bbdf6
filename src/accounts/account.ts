import { keyOf } from '../connect/contactKey';
import { readableSyncError } from '../connect/syncError';
import { toSyncState, type SyncState } from '../connect/syncState';
import { optionalColumn } from '../connect/contactTable';
import { quoteIdentifier } from '../db/identifiers';
import { accountExternalId, type AccountMapping } from './accountTable';

export interface Account {
  /** As a contact's: sfid, else the External ID, else row-<id> (contactKey.ts). */
  key: string;
  /** Connect's row id: only for joining the trigger log, never for URLs (a reload renumbers it). */
  rowId: number;
  sfid: string | null;
  externalId: string | null;
  name: string;
  /** Every mapped field's value by column, '' when empty. */
  values: Record<string, string>;
  syncState: SyncState | null;
  syncError: string | null;
}

/** A row as accountColumns selects it; unmapped optional columns come back NULL. */
export interface AccountRow {
  id: number;
  sfid: string | null;
  external_id: string | null;
  name: string | null;
  _hc_lastop: string | null;
  _hc_err: string | null;
  [field: string]: unknown;
}

/** The columns toAccount reads, from the table aliased `account`. */
export function accountColumns(mapping: AccountMapping): string {
  const fields = mapping.account.fields.filter((f) => f.column !== 'name');
  return [
    'account.id',
    'account.sfid',
    `${accountExternalId(mapping, 'account')} AS external_id`,
    'account.name',
    optionalColumn(mapping.account, '_hc_lastop', 'text'),
    optionalColumn(mapping.account, '_hc_err', 'text'),
    ...fields.map((f) => `account.${quoteIdentifier(f.column)}`),
  ].join(', ');
}

export function toAccount(row: AccountRow, mapping: AccountMapping): Account {
  const values: Record<string, string> = {};
  for (const field of mapping.account.fields) {
    const value = row[field.column];
    values[field.column] = typeof value === 'string' ? value : '';
  }
  return {
    key: keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id }),
    rowId: row.id,
    sfid: row.sfid,
    externalId: row.external_id,
    // Name is required in Salesforce, but a row another tool wrote may lack it.
    name: row.name ?? '(no name)',
    values,
    syncState: toSyncState(row._hc_lastop),
    syncError: readableSyncError(row._hc_err),
  };
}
