import type { Database } from '../db/database';
import type { Mapping } from '../contacts/mapping';
import { contactTable } from '../contacts/contactSql';

/** Counting stops here: "10,000+ failed" says enough and stays cheap on a large table. */
const SUMMARY_CAP = 10_000;

export interface SyncSummary {
  failed: number;
  pending: number;
  capped: { failed: boolean; pending: boolean };
}

/** How many rows await Connect or were rejected by Salesforce, for the header's quick links. */
export async function syncSummary(db: Database, mapping: Mapping): Promise<SyncSummary | null> {
  if (!mapping.columns.has('_hc_lastop')) return null;
  const count = (state: string) =>
    `(SELECT count(*)::int FROM (SELECT 1 FROM ${contactTable(mapping)}
       WHERE _hc_lastop = '${state}' LIMIT ${SUMMARY_CAP + 1}) AS rows)`;
  const result = await db.query<{ failed: number; pending: number }>(
    `SELECT ${count('FAILED')} AS failed, ${count('PENDING')} AS pending`,
  );
  const { failed = 0, pending = 0 } = result.rows[0] ?? {};
  return {
    failed: Math.min(failed, SUMMARY_CAP),
    pending: Math.min(pending, SUMMARY_CAP),
    capped: { failed: failed > SUMMARY_CAP, pending: pending > SUMMARY_CAP },
  };
}
