import { contactTable } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import { ACCOUNT_OBJECT, objectTable } from '../../connect/mappedObject';
import { syncStateSql, type SyncState } from '../../connect/syncState';
import type { Database } from '../../db/database';
import { ROW_CAP } from './params';

export interface SyncCounts {
  failed: number;
  pending: number;
  capped: { failed: boolean; pending: boolean };
}

/** Contacts' counts, and accounts' when Account is mapped: the header covers both. */
export interface SyncSummary extends SyncCounts {
  accounts: SyncCounts | null;
}

/**
 * How many rows await Connect or were rejected by Salesforce, for the header's quick links, as
 * select-list items the list's own statement carries (uncorrelated, so Postgres runs each once).
 * Counting stops at ROW_CAP: "10,000+ failed" says enough and stays cheap on a large table.
 * Empty when Connect's sync state is not mapped.
 */
export function syncCountColumns(mapping: Mapping, owned = 'TRUE'): string {
  if (!mapping.columns.has('_hc_lastop')) return '';
  const count = (table: string, state: SyncState) =>
    `(SELECT count(*)::int FROM (SELECT 1 FROM ${table}
       WHERE _hc_lastop = ${syncStateSql(state)} AND ${owned} LIMIT ${ROW_CAP + 1}) AS rows)`;
  const contacts = contactTable(mapping);
  const columns = [
    `${count(contacts, 'FAILED')} AS sync_failed`,
    `${count(contacts, 'PENDING')} AS sync_pending`,
  ];
  if (mapping.account?.columns.has('_hc_lastop')) {
    const accounts = objectTable(ACCOUNT_OBJECT, mapping.schema);
    columns.push(`${count(accounts, 'FAILED')} AS account_failed`);
    columns.push(`${count(accounts, 'PENDING')} AS account_pending`);
  }
  return columns.join(', ');
}

/** The counts a row carries from syncCountColumns, or undefined when it carries none. */
export function syncSummaryIn(row: Record<string, unknown> | null): SyncSummary | undefined {
  const contacts = countsIn(row?.sync_failed, row?.sync_pending);
  if (!contacts) return undefined;
  return { ...contacts, accounts: countsIn(row?.account_failed, row?.account_pending) ?? null };
}

function countsIn(failed: unknown, pending: unknown): SyncCounts | undefined {
  if (typeof failed !== 'number' || typeof pending !== 'number') return undefined;
  return {
    failed: Math.min(failed, ROW_CAP),
    pending: Math.min(pending, ROW_CAP),
    capped: { failed: failed > ROW_CAP, pending: pending > ROW_CAP },
  };
}

/**
 * The counts on their own, of the records in the scope, for a page whose statement returned no
 * row to carry them. Contact and Account both name their owner `ownerid`, so one condition
 * serves both counts.
 */
export async function syncSummary(
  db: Database,
  mapping: Mapping,
  scope: OwnerScope,
): Promise<SyncSummary | null> {
  const params: unknown[] = [];
  const columns = syncCountColumns(mapping, ownedBy(scope, appendParam(params)));
  if (!columns) return null;
  const result = await db.query(`SELECT ${columns}`, params);
  return syncSummaryIn(result.rows[0] ?? null) ?? null;
}
