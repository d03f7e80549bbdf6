import type { Database } from '../db/database';
import { qualified } from '../db/identifiers';

/**
 * Heroku Connect's trigger log: every app write to a mapped table becomes an entry in
 * `_trigger_log`, which Connect sends to Salesforce and then moves to `_trigger_log_archive`
 * (kept 31 days, 7 on the demo plan). States: NEW (captured), PENDING (being sent), SUCCESS,
 * FAILED (see `sf_message`; never retried by Connect itself), MERGED, IGNORE, IGNORED,
 * READONLY (read-only mapping), REQUEUE, REQUEUED (an archived entry copied back as NEW).
 * `table_name` is the table without its schema; `record_id` is the row's `id`.
 */
export type TriggerLogSource = 'live' | 'archive';

export interface TriggerLogEntry {
  source: TriggerLogSource;
  id: number;
  action: string;
  state: string;
  createdAt: Date | null;
  processedAt: Date | null;
  /** Salesforce's answer (`sf_message`), set when a write failed. */
  message: string | null;
}

export interface TriggerLogRow {
  source: TriggerLogSource;
  id: number;
  action: string;
  state: string;
  created_at: Date | null;
  processed_at: Date | null;
  sf_message: string | null;
}

export const LIVE_TABLE = '_trigger_log';
export const ARCHIVE_TABLE = '_trigger_log_archive';
const HISTORY_LIMIT = 50;

/** Connect creates both tables when it is provisioned; without them there is no history. */
export async function triggerLogAvailable(db: Database, schema: string): Promise<boolean> {
  const result = await db.query<{ available: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS available',
    [qualified(schema, LIVE_TABLE), qualified(schema, ARCHIVE_TABLE)],
  );
  return result.rows[0]?.available === true;
}

/** One contact's writes from the live log and the archive, newest first. */
export async function historyFor(
  db: Database,
  schema: string,
  recordId: number,
  limit = HISTORY_LIMIT,
): Promise<TriggerLogEntry[]> {
  const select = (source: TriggerLogSource, table: string) =>
    `SELECT '${source}' AS source, id, action, state, created_at, processed_at, sf_message
       FROM ${qualified(schema, table)} WHERE table_name = 'contact' AND record_id = $1`;
  const result = await db.query<TriggerLogRow>(
    `${select('live', LIVE_TABLE)} UNION ALL ${select('archive', ARCHIVE_TABLE)}
     ORDER BY created_at DESC NULLS LAST, id DESC LIMIT $2`,
    [recordId, limit],
  );
  return result.rows.map(toEntry);
}

export function toEntry(row: TriggerLogRow): TriggerLogEntry {
  return {
    source: row.source,
    id: row.id,
    action: row.action,
    state: row.state,
    createdAt: row.created_at,
    processedAt: row.processed_at,
    message: row.sf_message,
  };
}
