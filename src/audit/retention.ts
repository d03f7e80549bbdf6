import type { Database } from '../db/database';
import { AUDIT_TABLE } from './auditTable';

export interface RetentionOptions {
  log?: (message: string) => void;
  /** Entries per DELETE. */
  batchSize?: number;
  /** The most batches one pass deletes; the next pass carries on where it stopped. */
  maxBatches?: number;
  /** Ends the pass between batches, so a shutdown need not wait for a long backlog. */
  signal?: AbortSignal;
}

// A batch takes well under a second and locks only its own rows; a bounded pass (five million
// entries) ends even when years of backlog wait for the first release with retention.
const BATCH_SIZE = 5_000;
const MAX_BATCHES = 1_000;

/**
 * Deletes the entries older than `retentionDays` (at least 1: the append-only trigger refuses
 * younger ones), oldest first, and returns how many it deleted. Each batch is one statement,
 * and so its own transaction: nothing is held between batches and nothing outlives a
 * statement, so it works behind PgBouncer in transaction mode. SKIP LOCKED lets passes that
 * overlap (two dynos, or a release during a daily pass) share the rows without waiting on each
 * other; each row is counted by the one pass that deleted it.
 */
export async function removeExpiredEntries(
  db: Database,
  retentionDays: number,
  { log, batchSize = BATCH_SIZE, maxBatches = MAX_BATCHES, signal }: RetentionOptions = {},
): Promise<number> {
  const removed = await removeBatches(db, retentionDays, { log, batchSize, maxBatches, signal });
  log?.(`Removed ${removed} audit entries older than ${retentionDays} days.`);
  return removed;
}

async function removeBatches(
  db: Database,
  retentionDays: number,
  {
    log,
    batchSize,
    maxBatches,
    signal,
  }: RetentionOptions & { batchSize: number; maxBatches: number },
): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    if (signal?.aborted) return total;
    const deleted = await removeBatch(db, retentionDays, batchSize);
    total += deleted;
    // A short batch took every expired row no other pass holds, and those it will delete.
    if (deleted < batchSize) return total;
  }
  log?.(`Stopped after ${maxBatches} batches: the next pass removes the rest.`);
  return total;
}

/**
 * Oldest first along the `at` index, so a pass that finds nothing costs one probe. The batch
 * is deleted by primary key through `= ANY(ARRAY(…))`: written as `IN (SELECT …)`, the planner
 * hash-joins it against a scan of the whole table, every batch.
 */
async function removeBatch(db: Database, retentionDays: number, size: number): Promise<number> {
  const result = await db.query(
    `DELETE FROM ${AUDIT_TABLE} WHERE id = ANY(ARRAY(
       SELECT id FROM ${AUDIT_TABLE}
        WHERE at < now() - make_interval(days => $1)
        ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED))`,
    [retentionDays, size],
  );
  return result.rowCount ?? 0;
}
