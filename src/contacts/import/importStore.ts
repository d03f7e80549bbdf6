import { randomUUID } from 'node:crypto';
import { contactTable } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import { readableSyncError } from '../../connect/syncError';
import { triggerLogStateSql } from '../../connect/triggerLog';
import { writeStateSql } from '../../connect/writeState';
import type { Database, Queryable } from '../../db/database';
import { BATCH_ITEMS_TABLE, BATCHES_TABLE } from '../../records/batches';
import { findOwnRecord, madeByOrAdmin, type Reader } from '../../records/ownRecord';
import type { SignedInUser } from '../../web/signedInUser';
import type { RowPlan } from './classify';
import type { TextEncoding } from './decodeUpload';
import type { CsvRow } from './parseCsv';

export const IMPORTS_TABLE = 'contact_card.imports';
export const IMPORT_ROWS_TABLE = 'contact_card.import_rows';

/** draft → queued → done, or failed: its job ran out of retries (`failure` says why). */
export type ImportState = 'draft' | 'queued' | 'done' | 'failed';

export interface ImportRecord {
  id: string;
  createdAt: Date;
  userId: string;
  fileName: string;
  encoding: TextEncoding;
  header: string[];
  columns: string[];
  rowCount: number;
  state: ImportState;
  batchId: string | null;
  /** The worker has decided every row (before that, progress has nothing to count). */
  planned: boolean;
  /** Why a failed import stopped: a short message for its page. */
  failure: string | null;
}

interface ImportRow {
  id: string;
  created_at: Date;
  user_id: string;
  file_name: string;
  encoding: TextEncoding;
  header: string[];
  columns: string[];
  row_count: number;
  state: ImportState;
  batch_id: string | null;
  planned: boolean;
  failure: string | null;
}

export interface NewImport {
  user: Pick<SignedInUser, 'id' | 'username' | 'name'>;
  ownerId: string | null;
  fileName: string;
  encoding: TextEncoding;
  header: string[];
  columns: string[];
  rows: readonly CsvRow[];
}

/** Rows per INSERT when storing an upload: one parameter of JSON each, well under its limits. */
const STORE_ROWS = 5_000;

/** Stores a parsed upload and its rows in one transaction, and returns the import's id. */
export async function storeImport(db: Database, upload: NewImport): Promise<string> {
  const id = randomUUID();
  await db.withTransaction(async (client) => {
    await client.query(
      `INSERT INTO ${IMPORTS_TABLE}
         (id, user_id, username, user_name, owner_id, file_name, encoding, header, columns, row_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        upload.user.id,
        upload.user.username,
        upload.user.name,
        upload.ownerId,
        upload.fileName,
        upload.encoding,
        upload.header,
        upload.columns,
        upload.rows.length,
      ],
    );
    for (let start = 0; start < upload.rows.length; start += STORE_ROWS) {
      const rows = upload.rows.slice(start, start + STORE_ROWS);
      await client.query(
        `INSERT INTO ${IMPORT_ROWS_TABLE} (import_id, row_number, line, cells)
         SELECT $1, $2::int + r.n::int, (r.row->>0)::int,
                ARRAY(SELECT jsonb_array_elements_text(r.row->1))
           FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS r(row, n)`,
        [id, start, JSON.stringify(rows.map((row) => [row.line, row.cells]))],
      );
    }
  });
  return id;
}

/** The import a URL names, if this user may see it (records/ownRecord.ts): its uploader, or an admin. */
export async function findImport(
  db: Reader,
  id: string,
  user: SignedInUser,
): Promise<ImportRecord | null> {
  const row = await findOwnRecord<ImportRow>(
    db,
    `SELECT id, created_at, user_id, file_name, encoding, header, columns, row_count, state,
            batch_id, planned, failure
       FROM ${IMPORTS_TABLE} WHERE id = $1 AND ${madeByOrAdmin('user_id')}`,
    id,
    user,
  );
  return row
    ? {
        id: row.id,
        createdAt: row.created_at,
        userId: row.user_id,
        fileName: row.file_name,
        encoding: row.encoding,
        header: row.header,
        columns: row.columns,
        rowCount: row.row_count,
        state: row.state,
        batchId: row.batch_id,
        planned: row.planned,
        failure: row.failure,
      }
    : null;
}

/** The uploaded rows, in the file's order. */
export async function readRows(db: Database, importId: string): Promise<CsvRow[]> {
  const result = await db.query<{ line: number; cells: string[] }>(
    `SELECT line, cells FROM ${IMPORT_ROWS_TABLE} WHERE import_id = $1 ORDER BY row_number`,
    [importId],
  );
  return result.rows;
}

/** The user's corrected column choices; only while the import is still a draft. */
export async function saveColumns(
  db: Database,
  importId: string,
  columns: string[],
): Promise<boolean> {
  const result = await db.query(
    `UPDATE ${IMPORTS_TABLE} SET columns = $2 WHERE id = $1 AND state = 'draft'`,
    [importId, columns],
  );
  return result.rowCount === 1;
}

/**
 * Confirms a draft: opens the batch its written rows will be items of and marks it queued with
 * the confirming user's owner scope (CONTACT_VISIBILITY), by which the worker decides each row,
 * in the caller's transaction. False when it was no longer a draft (a second click of Confirm,
 * another tab): then nothing changes.
 */
export async function confirmImport(
  client: Queryable,
  importId: string,
  ownerScope: OwnerScope,
): Promise<boolean> {
  const batchId = randomUUID();
  const claimed = await client.query<{ user_id: string; username: string; user_name: string }>(
    `UPDATE ${IMPORTS_TABLE} SET state = 'queued', batch_id = $2, owner_scope = $3
      WHERE id = $1 AND state = 'draft' RETURNING user_id, username, user_name`,
    [importId, batchId, ownerScope],
  );
  const owner = claimed.rows[0];
  if (!owner) return false;
  await client.query(
    `INSERT INTO ${BATCHES_TABLE} (id, kind, user_id, username, user_name) VALUES ($1, 'import', $2, $3, $4)`,
    [batchId, owner.user_id, owner.username, owner.user_name],
  );
  return true;
}

/** What the worker decided for every row, stored once, before it writes any of them. */
export async function storePlans(
  client: Queryable,
  importId: string,
  plans: readonly RowPlan[],
): Promise<void> {
  // A slice per statement, as the upload is stored: the JSON of 100,000 plans is tens of MB,
  // held at once with its copies on the way to the server. The range keeps each join to the
  // slice's rows (a new import's rows have no statistics).
  for (let start = 0; start < plans.length; start += STORE_ROWS) {
    const slice = plans.slice(start, start + STORE_ROWS);
    await client.query(
      `UPDATE ${IMPORT_ROWS_TABLE} r
          SET plan = p.plan, reason = nullif(p.reason, ''), target_row_id = p.target,
              "values" = p.vals, account_name = nullif(p.account, '')
         FROM jsonb_to_recordset($2::jsonb)
              AS p(n int, plan text, reason text, target bigint, vals jsonb, account text)
        WHERE r.import_id = $1 AND r.row_number BETWEEN $3 AND $4 AND r.row_number = p.n`,
      [
        importId,
        JSON.stringify(
          slice.map((p) => ({
            n: p.rowNumber,
            plan: p.plan,
            reason: p.reason,
            target: p.targetRowId,
            vals: p.values,
            account: p.accountName,
          })),
        ),
        Math.min(...slice.map((p) => p.rowNumber)),
        Math.max(...slice.map((p) => p.rowNumber)),
      ],
    );
  }
  await client.query(`UPDATE ${IMPORTS_TABLE} SET planned = true WHERE id = $1`, [importId]);
}

/**
 * An import whose job ran out of retries: failed, with the reason its page gives, and its batch
 * closed, so the batch page follows the rows written before it stopped. Nothing more is
 * written: the writer writes only a queued import, under this row's lock.
 */
export async function failImport(db: Database, importId: string, reason: string): Promise<void> {
  await db.query(
    `WITH failed AS (
       UPDATE ${IMPORTS_TABLE} SET state = 'failed', failure = $2, finished_at = now()
        WHERE id = $1 AND state = 'queued' RETURNING batch_id)
     UPDATE ${BATCHES_TABLE} SET applied_at = now() WHERE id IN (SELECT batch_id FROM failed)`,
    [importId, reason],
  );
}

export interface ImportProgress {
  toWrite: number;
  /** Rows to write that have their outcome, whatever it is. */
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  invalid: number;
  duplicate: number;
  /** Rows a failed import stopped before: not written. */
  notReached: number;
  /** Written rows Salesforce refused, counted once the import is over (see refusedRows). */
  refused: number;
}

/** A row of a failed import that it stopped before ($2: the import failed). */
const NOT_REACHED = `$2 AND outcome IS NULL AND (plan IS NULL OR plan IN ('create', 'update'))`;

/**
 * The written rows Salesforce refused, by row number with its message (import $1): each batch
 * item whose write stands FAILED now, by the batch page's rule (connect/writeState.ts), so a
 * failure retried since is not one. Asked once the import is over (a running import's page
 * reloads every few seconds), and only where Connect's trigger log is: null otherwise.
 */
function refusedRows(mapping: Mapping, record: ImportRecord): string | null {
  if (!mapping.triggerLog || record.state === 'queued') return null;
  const write = writeStateSql(mapping, 'i.trigger_log_id', 'c');
  return `SELECT i.position AS row_number, ${write.message} AS message
            FROM ${IMPORTS_TABLE} m
            JOIN ${BATCH_ITEMS_TABLE} i ON i.batch_id = m.batch_id
            LEFT JOIN ${contactTable(mapping)} c ON c.id = i.contact_row_id
            ${write.joins}
           WHERE m.id = $1 AND i.outcome = 'written'
             AND ${write.state} = ${triggerLogStateSql('FAILED')}`;
}

/** How far a confirmed import has got, counted from its rows. */
export async function importProgress(
  db: Database,
  mapping: Mapping,
  record: ImportRecord,
): Promise<ImportProgress> {
  const refused = refusedRows(mapping, record);
  const result = await db.query<ImportProgress>(
    `SELECT count(*) FILTER (WHERE plan IN ('create', 'update'))::int AS "toWrite",
            count(outcome)::int AS done,
            count(*) FILTER (WHERE outcome = 'created')::int AS created,
            count(*) FILTER (WHERE outcome = 'updated')::int AS updated,
            count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
            count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
            count(*) FILTER (WHERE plan = 'invalid')::int AS invalid,
            count(*) FILTER (WHERE plan = 'duplicate')::int AS duplicate,
            count(*) FILTER (WHERE ${NOT_REACHED})::int AS "notReached",
            ${refused ? `(SELECT count(*) FROM (${refused}) f)::int` : '0'} AS refused
       FROM ${IMPORT_ROWS_TABLE} WHERE import_id = $1`,
    [record.id, record.state === 'failed'],
  );
  const row = result.rows[0];
  if (!row) throw new Error('count returned no row');
  return row;
}

type SkippedKind = 'skipped' | 'not_reached' | 'refused';

/** What the download of rows not imported says of a row; `stored` is the row's own reason. */
function reasonOf(kind: SkippedKind, stored: string | null): string {
  switch (kind) {
    case 'refused':
      return `Refused by Salesforce: ${readableSyncError(stored) ?? 'it gave no message.'}`;
    case 'not_reached':
      return 'Not written: the import stopped before this row.';
    case 'skipped':
      return stored ?? '';
  }
}

/**
 * The rows not imported, with their cells and reason, in the file's order: invalid, duplicate
 * and refused by the database (each with its stored reason), those a failed import stopped
 * before, and once the import is over those Salesforce refused (see refusedRows), with its
 * message.
 */
export async function skippedRows(
  db: Database,
  mapping: Mapping,
  record: ImportRecord,
): Promise<{ line: number; cells: string[]; reason: string }[]> {
  const refused = refusedRows(mapping, record);
  const parts = [
    `SELECT row_number, line, cells, reason,
            CASE WHEN ${NOT_REACHED} THEN 'not_reached' ELSE 'skipped' END AS kind
       FROM ${IMPORT_ROWS_TABLE}
      WHERE import_id = $1
        AND (plan IN ('invalid', 'duplicate') OR outcome = 'failed' OR ${NOT_REACHED})`,
    ...(refused
      ? [
          `SELECT r.row_number, r.line, r.cells, f.message, 'refused'
             FROM (${refused}) f
             JOIN ${IMPORT_ROWS_TABLE} r ON r.import_id = $1 AND r.row_number = f.row_number`,
        ]
      : []),
  ];
  const result = await db.query<{
    line: number;
    cells: string[];
    reason: string | null;
    kind: SkippedKind;
  }>(`SELECT line, cells, reason, kind FROM (${parts.join(' UNION ALL ')}) s ORDER BY row_number`, [
    record.id,
    record.state === 'failed',
  ]);
  return result.rows.map(({ line, cells, reason, kind }) => ({
    line,
    cells,
    reason: reasonOf(kind, reason),
  }));
}
