import type { Database } from '../db/database';
import { contactTable } from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';
import { writeStateSql } from '../connect/writeState';
import { BATCH_ITEMS_TABLE } from '../records/batches';

/** Where each written row of a batch stands, and what became of the rows not written. */
export interface BatchCounts {
  /** Captured, or requeued, and waiting for Connect. */
  pending: number;
  /** Connect is sending it (entry PENDING). */
  sent: number;
  /** Nothing left to send: it reached Salesforce, was merged, or needed no write. */
  synced: number;
  failed: number;
  changedMeanwhile: number;
  unchanged: number;
  gone: number;
}

/** One row the page lists: a failure, or a row skipped because it changed meanwhile. */
export interface BatchRow {
  contactRowId: number;
  contactKey: string;
  firstname: string | null;
  lastname: string | null;
  /** False once the contact's row is gone (deleted since, or the table reloaded). */
  exists: boolean;
  /** Salesforce's answer, for a failure. */
  message: string | null;
}

export interface BatchStatus {
  counts: BatchCounts;
  /** The first LISTED_ROWS, in the list's order; the counts say how many more. */
  failedRows: BatchRow[];
  changedRows: BatchRow[];
}

/** Enough to act on; a batch of 10,000 failures is one problem, named by its first rows. */
export const LISTED_ROWS = 100;

interface StatusRow {
  pending: number;
  sent: number;
  synced: number;
  failed: number;
  changed_meanwhile: number;
  unchanged: number;
  gone: number;
  failed_rows: JsonRow[] | null;
  changed_rows: JsonRow[] | null;
}

interface JsonRow {
  contact_row_id: number;
  contact_key: string;
  firstname: string | null;
  lastname: string | null;
  exists: boolean;
  message: string | null;
}

/**
 * Every item's state in one statement, however many rows the batch holds: each written row's
 * state by its trigger-log entry, else its contact's `_hc_lastop` (connect/writeState.ts).
 */
export async function readBatchStatus(
  db: Database,
  mapping: Pick<Mapping, 'schema' | 'columns' | 'triggerLog'>,
  batchId: string,
): Promise<BatchStatus> {
  const entry = writeStateSql(mapping, 'i.trigger_log_id', 'c');
  const listed = (condition: string) =>
    `(SELECT json_agg(r ORDER BY r.position)
        FROM (SELECT position, contact_row_id, contact_key, firstname, lastname, "exists",
                     message
                FROM items WHERE ${condition} ORDER BY position LIMIT ${LISTED_ROWS}) r)`;
  const result = await db.query<StatusRow>(
    `WITH items AS MATERIALIZED (
       SELECT i.position, i.contact_row_id, i.contact_key, i.outcome,
              i.snapshot->>'firstname' AS firstname, i.snapshot->>'lastname' AS lastname,
              c.id IS NOT NULL AS "exists",
              CASE WHEN i.outcome = 'written' THEN ${entry.state} END AS state,
              CASE WHEN i.outcome = 'written' THEN ${entry.message} END AS message
         FROM ${BATCH_ITEMS_TABLE} i
         LEFT JOIN ${contactTable(mapping)} c ON c.id = i.contact_row_id
         ${entry.joins}
        WHERE i.batch_id = $1
     )
     SELECT count(*) FILTER (WHERE state IN ('NEW', 'REQUEUE', 'REQUEUED'))::int AS pending,
            count(*) FILTER (WHERE state = 'PENDING')::int AS sent,
            count(*) FILTER (WHERE state NOT IN ('NEW', 'REQUEUE', 'REQUEUED', 'PENDING',
                                                 'FAILED'))::int AS synced,
            count(*) FILTER (WHERE state = 'FAILED')::int AS failed,
            count(*) FILTER (WHERE outcome = 'changed_meanwhile')::int AS changed_meanwhile,
            count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
            count(*) FILTER (WHERE outcome = 'gone')::int AS gone,
            ${listed(`state = 'FAILED'`)} AS failed_rows,
            ${listed(`outcome = 'changed_meanwhile'`)} AS changed_rows
       FROM items`,
    [batchId],
  );
  const row = result.rows[0];
  if (!row) throw new Error('an aggregate always returns a row');
  return {
    counts: {
      pending: row.pending,
      sent: row.sent,
      synced: row.synced,
      failed: row.failed,
      changedMeanwhile: row.changed_meanwhile,
      unchanged: row.unchanged,
      gone: row.gone,
    },
    failedRows: (row.failed_rows ?? []).map(toBatchRow),
    changedRows: (row.changed_rows ?? []).map(toBatchRow),
  };
}

/** Nothing is waiting for Connect or on its way: what failed has failed for good. */
export function isDone(counts: BatchCounts): boolean {
  return counts.pending === 0 && counts.sent === 0;
}

function toBatchRow(row: JsonRow): BatchRow {
  return {
    contactRowId: row.contact_row_id,
    contactKey: row.contact_key,
    firstname: row.firstname,
    lastname: row.lastname,
    exists: row.exists,
    message: row.message,
  };
}
