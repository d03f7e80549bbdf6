import type { Database } from '../db/database';
import pg from 'pg';
import { qualified } from '../db/identifiers';
import { CONTACT_OBJECT, type MappedObject } from './mappedObject';

/**
 * Heroku Connect's trigger log: every app write to a mapped table becomes an entry in the live
 * log, which Connect sends to Salesforce and then moves to the archive (kept 31 days, 7 on the
 * demo plan). `table_name` is the table without its schema; `record_id` is the row's `id`.
 */
export const LIVE_TABLE = '_trigger_log';
export const ARCHIVE_TABLE = '_trigger_log_archive';

/**
 * NEW (captured), PENDING (being sent), SUCCESS, FAILED (see `sf_message`; never retried by
 * Connect itself), MERGED, IGNORE, IGNORED, READONLY (read-only mapping), REQUEUE, REQUEUED
 * (an archived entry copied back into the live log as NEW).
 */
export const TRIGGER_LOG_STATES = [
  'NEW',
  'PENDING',
  'SUCCESS',
  'FAILED',
  'MERGED',
  'IGNORE',
  'IGNORED',
  'READONLY',
  'REQUEUE',
  'REQUEUED',
] as const;
export type TriggerLogState = (typeof TRIGGER_LOG_STATES)[number];

export type TriggerLogAction = 'INSERT' | 'UPDATE' | 'DELETE';

/** A state read from the log, or null for one this app does not know. */
export function toTriggerLogState(state: string): TriggerLogState | null {
  return TRIGGER_LOG_STATES.find((known) => known === state) ?? null;
}

/** A state as SQL text, for a comparison with a constant. */
export function triggerLogStateSql(state: TriggerLogState): string {
  return `'${state}'`;
}

export type TriggerLogSource = 'live' | 'archive';

export function triggerLogTable(schema: string, source: TriggerLogSource): string {
  return qualified(schema, source === 'live' ? LIVE_TABLE : ARCHIVE_TABLE);
}

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

/** The entry columns of both tables, tagged with where each row came from. */
export function entryColumns(source: TriggerLogSource): string {
  return `'${source}' AS source, id, action, state, created_at, processed_at, sf_message`;
}

/** Entries about one mapped object's rows: the log holds every mapped table's writes. */
export function forObject(object: Pick<MappedObject, 'table'>): string {
  return `table_name = ${pg.escapeLiteral(object.table)}`;
}

/** Entries about contact rows only. */
export const FOR_CONTACTS = forObject(CONTACT_OBJECT);

const HISTORY_LIMIT = 50;

/** Connect creates both tables when it is provisioned; without them there is no history. */
export async function triggerLogPresent(db: Database, schema: string): Promise<boolean> {
  const result = await db.query<{ available: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS available',
    [triggerLogTable(schema, 'live'), triggerLogTable(schema, 'archive')],
  );
  return result.rows[0]?.available === true;
}

/**
 * One record's writes from the live log and the archive, newest first, as a JSON array (null
 * when there are none): an expression for a statement that reads the record, so its page
 * costs one round trip. `recordId` is SQL naming the row's `id`.
 */
export function historyJson(
  schema: string,
  recordId: string,
  object: Pick<MappedObject, 'table'> = CONTACT_OBJECT,
  limit = HISTORY_LIMIT,
): string {
  const select = (source: TriggerLogSource) =>
    `SELECT ${entryColumns(source)} FROM ${triggerLogTable(schema, source)}
      WHERE ${forObject(object)} AND record_id = ${recordId}`;
  return `(SELECT json_agg(entry ORDER BY entry.created_at DESC NULLS LAST, entry.id DESC)
             FROM (${select('live')} UNION ALL ${select('archive')}
                   ORDER BY created_at DESC NULLS LAST, id DESC LIMIT ${limit}) AS entry)`;
}

/** The entries of historyJson; JSON carries times as text. */
export function historyFromJson(rows: TriggerLogJsonRow[] | null): TriggerLogEntry[] {
  return (rows ?? []).map((row) =>
    toEntry({
      ...row,
      created_at: row.created_at === null ? null : new Date(row.created_at),
      processed_at: row.processed_at === null ? null : new Date(row.processed_at),
    }),
  );
}

/** A row as historyJson gives it: each time as ISO text. */
export type TriggerLogJsonRow = {
  [K in keyof TriggerLogRow]: TriggerLogRow[K] extends Date | null
    ? string | null
    : TriggerLogRow[K];
};

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
