import { randomUUID } from 'node:crypto';
import type { OwnerScope } from '../../connect/ownerScope';
import type { Database, Queryable } from '../../db/database';
import { BATCHES_TABLE } from '../../records/batches';
import { findOwnRecord, madeByOrAdmin, type Reader } from '../../records/ownRecord';
import type { SignedInUser } from '../../web/signedInUser';
import type { RowPlan } from './classify';
import type { TextEncoding } from './decodeUpload';
import type { CsvRow } from './parseCsv';

export const IMPORTS_TABLE = 'contact_card.imports';
export const IMPORT_ROWS_TABLE = 'contact_card.import_rows';

export type ImportState = 'draft' | 'queued' | 'done';

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
            batch_id, planned
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
  await client.query(
    `UPDATE ${IMPORT_ROWS_TABLE} r
        SET plan = p.plan, reason = nullif(p.reason, ''), target_row_id = p.target,
            "values" = p.vals, account_name = nullif(p.account, '')
       FROM jsonb_to_recordset($2::jsonb)
            AS p(n int, plan text, reason text, target bigint, vals jsonb, account text)
      WHERE r.import_id = $1 AND r.row_number = p.n`,
    [
      importId,
      JSON.stringify(
        plans.map((p) => ({
          n: p.rowNumber,
          plan: p.plan,
          reason: p.reason,
          target: p.targetRowId,
          vals: p.values,
          account: p.accountName,
        })),
      ),
    ],
  );
  await client.query(`UPDATE ${IMPORTS_TABLE} SET planned = true WHERE id = $1`, [importId]);
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
}

/** How far a confirmed import has got, counted from its rows. */
export async function importProgress(db: Database, importId: string): Promise<ImportProgress> {
  const result = await db.query<ImportProgress>(
    `SELECT count(*) FILTER (WHERE plan IN ('create', 'update'))::int AS "toWrite",
            count(outcome)::int AS done,
            count(*) FILTER (WHERE outcome = 'created')::int AS created,
            count(*) FILTER (WHERE outcome = 'updated')::int AS updated,
            count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
            count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
            count(*) FILTER (WHERE plan = 'invalid')::int AS invalid,
            count(*) FILTER (WHERE plan = 'duplicate')::int AS duplicate
       FROM ${IMPORT_ROWS_TABLE} WHERE import_id = $1`,
    [importId],
  );
  const row = result.rows[0];
  if (!row) throw new Error('count returned no row');
  return row;
}

/** The rows not imported (invalid, duplicate, failed), with their cells and reason, in order. */
export async function skippedRows(
  db: Database,
  importId: string,
): Promise<{ line: number; cells: string[]; reason: string }[]> {
  const result = await db.query<{ line: number; cells: string[]; reason: string }>(
    `SELECT line, cells, coalesce(reason, '') AS reason FROM ${IMPORT_ROWS_TABLE}
      WHERE import_id = $1 AND (plan IN ('invalid', 'duplicate') OR outcome = 'failed')
      ORDER BY row_number`,
    [importId],
  );
  return result.rows;
}
