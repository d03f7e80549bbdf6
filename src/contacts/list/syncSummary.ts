import { contactTable } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { syncStateSql, type SyncState } from '../../connect/syncState';
import type { Database } from '../../db/database';
import { ROW_CAP } from './params';

export interface SyncSummary {
  failed: number;
  pending: number;
  capped: { failed: boolean; pending: boolean };
}

/**
 * How many rows await Connect or were rejected by Salesforce, for the header's quick links.
 * Counting stops at ROW_CAP: "10,000+ failed" says enough and stays cheap on a large table.
 */
export async function syncSummary(db: Database, mapping: Mapping): Promise<SyncSummary | null> {
  if (!mapping.columns.has('_hc_lastop')) return null;
  const count = (state: SyncState) =>
    `(SELECT count(*)::int FROM (SELECT 1 FROM ${contactTable(mapping)}
       WHERE _hc_lastop = ${syncStateSql(state)} LIMIT ${ROW_CAP + 1}) AS rows)`;
  const result = await db.query<{ failed: number; pending: number }>(
    `SELECT ${count('FAILED')} AS failed, ${count('PENDING')} AS pending`,
  );
  const { failed = 0, pending = 0 } = result.rows[0] ?? {};
  return {
    failed: Math.min(failed, ROW_CAP),
    pending: Math.min(pending, ROW_CAP),
    capped: { failed: failed > ROW_CAP, pending: pending > ROW_CAP },
  };
}
