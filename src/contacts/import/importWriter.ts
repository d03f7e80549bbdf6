import type { Logger } from 'pino';
import type { AuditActor, AuditedChange, AuditedContact } from '../../audit/auditEntry';
import { recordAuditEntries } from '../../audit/recordAuditEntries';
import { keyOf } from '../../connect/contactKey';
import { contactTable, EXTERNAL_ID_COLUMN } from '../../connect/contactTable';
import { ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN } from '../../connect/mappedObject';
import type { Mapping } from '../../connect/mapping';
import { FOR_CONTACTS, triggerLogTable } from '../../connect/triggerLog';
import type { Database, Queryable } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import { BATCH_ITEMS_TABLE, BATCHES_TABLE } from '../../records/batches';
import { fieldChanges } from '../../records/fieldChanges';
import { accountLinkColumns } from '../accountField';
import type { ContactValues } from '../contact';
import type { EditedBy } from '../editedBy';
import { accountNameKey, importExternalId, type NamedAccount } from './accountNames';
import { accountsForChunk } from './importAccounts';
import { planImport } from './importPlanner';
import { IMPORT_ROWS_TABLE, IMPORTS_TABLE } from './importStore';
import { insertContacts, type NewContact } from './insertContacts';
import { CHUNK_ROWS } from './limits';

/** Thrown between chunks when the worker is stopping: the job is retried by the next worker. */
export class ImportInterrupted extends Error {
  constructor() {
    super('The worker is stopping; the import resumes after its last written chunk.');
  }
}

export interface WriteOptions {
  /** Asked before each chunk: true once the worker has been told to stop. */
  shouldStop: () => boolean;
  /** What each write sets besides the file's values: the uploader's AUDIT_SALESFORCE_FIELD stamp. */
  editedBy: EditedBy;
  log: Pick<Logger, 'warn'>;
  chunkRows?: number;
}

/** The columns a write of this user's rows sets besides the file's values. */
type Stamp = (username: string) => ContactValues;

/**
 * Decides a confirmed import's rows (importPlanner.ts), then writes them, CHUNK_ROWS per
 * transaction, each chunk with its rows'
 * outcomes, batch items, audit entries and the import's progress, so a worker that dies loses
 * at most its uncommitted chunk and the next one resumes after the last committed one. Each
 * chunk locks the import's row first, so two workers given the same import (a job retried while
 * its first worker still runs) write each row once.
 */
export async function writeImport(
  db: Database,
  mapping: Mapping,
  importId: string,
  options: WriteOptions,
): Promise<void> {
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const stamp: Stamp = (username) => options.editedBy(mapping, username, options.log);
  await planImport(db, mapping, importId);
  for (;;) {
    if (options.shouldStop()) throw new ImportInterrupted();
    let more: boolean;
    try {
      more = await db.withTransaction((client) =>
        writeChunk(client, mapping, importId, chunkRows, stamp),
      );
    } catch (error) {
      if (!isRowError(error)) throw error;
      more = await writeRowByRow(db, mapping, importId, chunkRows, stamp);
    }
    if (!more) return;
  }
}

/**
 * A value the database refuses (a constraint or a column the app does not know of, such as one
 * an admin added to the table): the row's fault, not the worker's, so retrying cannot help.
 * Classes 22 (data exception) and 23 (integrity constraint violation).
 */
function isRowError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/**
 * Writes the chunk that failed again, a row per transaction, so one row the database refuses
 * fails alone, with its reason (offered in the download of rows not imported), instead of
 * stopping the import for good.
 */
async function writeRowByRow(
  db: Database,
  mapping: Mapping,
  importId: string,
  rows: number,
  stamp: Stamp,
): Promise<boolean> {
  for (let i = 0; i < rows; i += 1) {
    try {
      const more = await db.withTransaction((client) =>
        writeChunk(client, mapping, importId, 1, stamp),
      );
      if (!more) return false;
    } catch (error) {
      if (!isRowError(error)) throw error;
      await db.withTransaction((client) => recordFailedRow(client, importId, error.message));
    }
  }
  return true;
}

/** The next row to write failed: it gets outcome failed with the database's reason. */
async function recordFailedRow(client: Queryable, importId: string, reason: string) {
  const head = (
    await client.query<{ done_through: number }>(
      `SELECT done_through FROM ${IMPORTS_TABLE} WHERE id = $1 AND state = 'queued' FOR UPDATE`,
      [importId],
    )
  ).rows[0];
  if (!head) return;
  const failed = await client.query<{ row_number: number }>(
    `UPDATE ${IMPORT_ROWS_TABLE} SET outcome = 'failed', reason = $3
      WHERE import_id = $1 AND row_number = (
        SELECT min(row_number) FROM ${IMPORT_ROWS_TABLE}
         WHERE import_id = $1 AND row_number > $2 AND plan IN ('create', 'update'))
      RETURNING row_number`,
    [importId, head.done_through, `Not written: ${reason}`],
  );
  const rowNumber = failed.rows[0]?.row_number;
  if (rowNumber !== undefined) {
    await client.query(`UPDATE ${IMPORTS_TABLE} SET done_through = $2 WHERE id = $1`, [
      importId,
      rowNumber,
    ]);
  }
}

interface ImportHead {
  user_id: string;
  username: string;
  user_name: string;
  owner_id: string | null;
  batch_id: string;
  done_through: number;
  row_count: number;
}

interface PlannedRow {
  row_number: number;
  plan: 'create' | 'update';
  values: ContactValues;
  account_name: string | null;
  target_row_id: string | null;
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'gone';

interface Written {
  rowNumber: number;
  outcome: Outcome;
  rowId: number | null;
  key: string;
  snapshot: ContactValues;
  /** The contact by every name the audit trail keeps; null when nothing was written. */
  contact: AuditedContact | null;
  changes: AuditedChange[];
}

async function writeChunk(
  client: Queryable,
  mapping: Mapping,
  importId: string,
  chunkRows: number,
  stamp: Stamp,
): Promise<boolean> {
  const head = (
    await client.query<ImportHead>(
      `SELECT user_id, username, user_name, owner_id, batch_id, done_through, row_count
         FROM ${IMPORTS_TABLE} WHERE id = $1 AND state = 'queued' FOR UPDATE`,
      [importId],
    )
  ).rows[0];
  if (!head) return false;
  const rows = (
    await client.query<PlannedRow>(
      `SELECT row_number, plan, "values", account_name, target_row_id FROM ${IMPORT_ROWS_TABLE}
        WHERE import_id = $1 AND row_number > $2 AND plan IN ('create', 'update')
        ORDER BY row_number LIMIT $3`,
      [importId, head.done_through, chunkRows],
    )
  ).rows;
  if (rows.length === 0) {
    await finish(client, importId, head);
    return false;
  }
  const actor: AuditActor = {
    user: { id: head.user_id, username: head.username, name: head.user_name },
    requestId: `import-${importId}`,
  };
  const names = rows.flatMap((row) => (row.account_name ? [row.account_name] : []));
  const accounts = mapping.accountLinks
    ? await accountsForChunk(client, mapping, importId, names, actor, head.owner_id)
    : new Map<string, NamedAccount>();
  const alsoWrite = stamp(head.username);
  const links = new Map(rows.map((row) => [row.row_number, linkOf(mapping, accounts, row)]));
  const newContacts = new Map(
    rows
      .filter((row) => row.plan === 'create')
      .map((row) => [
        row.row_number,
        newContact(mapping, importId, row, {
          link: links.get(row.row_number) ?? {},
          alsoWrite,
          ownerId: head.owner_id,
        }),
      ]),
  );
  const inserted = await insertContacts(client, mapping, [...newContacts.values()]);
  const written: Written[] = [];
  for (const row of rows) {
    const link = links.get(row.row_number) ?? {};
    const contact = newContacts.get(row.row_number);
    written.push(
      contact
        ? created(mapping, row, link, contact, inserted.get(contact.externalId) ?? null)
        : await update(client, mapping, row, { link, alsoWrite }),
    );
  }
  await recordAuditEntries(
    client,
    written.flatMap((result) =>
      result.contact
        ? [
            {
              action: result.outcome === 'created' ? 'create' : 'edit',
              actor,
              contact: result.contact,
              changes: result.changes,
              batchId: head.batch_id,
            },
          ]
        : [],
    ),
  );
  await recordOutcomes(client, mapping, importId, head.batch_id, written);
  await client.query(`UPDATE ${IMPORTS_TABLE} SET done_through = $2 WHERE id = $1`, [
    importId,
    rows[rows.length - 1]?.row_number ?? head.done_through,
  ]);
  return true;
}

function linkOf(
  mapping: Mapping,
  accounts: ReadonlyMap<string, NamedAccount>,
  row: PlannedRow,
): ContactValues {
  const account = row.account_name ? accounts.get(accountNameKey(row.account_name)) : undefined;
  return account ? nonEmpty(accountLinkColumns(mapping, account)) : {};
}

/**
 * What a row writes besides its own values: its account's link columns, and `alsoWrite`
 * (the AUDIT_SALESFORCE_FIELD stamp), which goes only with a real change and which the audit
 * entry leaves out, as the contact form's does.
 */
interface Extras {
  link: ContactValues;
  alsoWrite: ContactValues;
}

/** A new row's contact, with the External ID derived from the import and its row number. */
function newContact(
  mapping: Mapping,
  importId: string,
  row: PlannedRow,
  { link, alsoWrite, ownerId }: Extras & { ownerId: string | null },
): NewContact {
  const values: ContactValues = { ...row.values, ...link, ...alsoWrite };
  if (ownerId && mapping.owners) values[OWNER_ID_COLUMN] = ownerId;
  return { externalId: importExternalId(importId, `row:${row.row_number}`), values };
}

/** A new row's outcome: created, or unchanged when its External ID was inserted before. */
function created(
  mapping: Mapping,
  row: PlannedRow,
  link: ContactValues,
  contact: NewContact,
  rowId: number | null,
): Written {
  const { externalId, values } = contact;
  return {
    rowNumber: row.row_number,
    outcome: rowId === null ? 'unchanged' : 'created',
    rowId,
    key: externalId,
    snapshot: values,
    contact: rowId === null ? null : { key: externalId, rowId, sfid: null, externalId },
    changes: [...fieldChanges(mapping.fields, {}, row.values), ...accountAudit(row, link)],
  };
}

/**
 * Writes only the columns whose value differs: Connect logs an UPDATE that changes nothing and
 * leaves the row PENDING for good, so a row already as the file has it is not written at all.
 */
async function update(
  client: Queryable,
  mapping: Mapping,
  row: PlannedRow,
  { link, alsoWrite }: Extras,
): Promise<Written> {
  const wanted: ContactValues = { ...row.values, ...link };
  const columns = Object.keys(wanted);
  const externalId = mapping.hasExternalId ? quoteIdentifier(EXTERNAL_ID_COLUMN) : 'NULL::text';
  const current = (
    await client.query<Record<string, string | null>>(
      `SELECT id, sfid, ${externalId} AS external_id,
              ${columns.map((c) => `${quoteIdentifier(c)}::text AS ${quoteIdentifier(`v_${c}`)}`).join(', ')}
         FROM ${contactTable(mapping)} WHERE id = $1 FOR UPDATE`,
      [row.target_row_id],
    )
  ).rows[0];
  const base = { rowNumber: row.row_number, snapshot: wanted, contact: null, changes: [] };
  if (!current) return { ...base, outcome: 'gone', rowId: null, key: '' };
  const rowId = Number(current.id);
  const sfid = current.sfid ?? null;
  const externalIdValue = current.external_id ?? null;
  const key = keyOf({ id: rowId, sfid, externalId: externalIdValue });
  const before = Object.fromEntries(columns.map((c) => [c, current[`v_${c}`] ?? '']));
  const changed = columns.filter((c) => before[c] !== wanted[c]);
  if (changed.length === 0) return { ...base, outcome: 'unchanged', rowId, key };
  const writes = [
    ...Object.entries(wanted).filter(([c]) => changed.includes(c)),
    ...Object.entries(alsoWrite),
  ];
  await client.query(
    `UPDATE ${contactTable(mapping)}
        SET ${writes.map(([c], i) => `${quoteIdentifier(c)} = $${i + 2}`).join(', ')}
      WHERE id = $1`,
    [current.id, ...writes.map(([, value]) => value)],
  );
  return {
    ...base,
    outcome: 'updated',
    rowId,
    key,
    contact: { key, rowId, sfid, externalId: externalIdValue },
    changes: [
      ...fieldChanges(mapping.fields, before, { ...before, ...row.values }),
      ...(changed.some((c) => c in link) ? accountAudit(row, link) : []),
    ],
  };
}

function accountAudit(row: PlannedRow, link: ContactValues): AuditedChange[] {
  if (!row.account_name || Object.keys(link).length === 0) return [];
  return [{ field: ACCOUNT_ID_COLUMN, label: 'Account', from: '', to: row.account_name }];
}

function nonEmpty(values: ContactValues): ContactValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}

/**
 * Each row's outcome, and the written ones as batch items with the trigger-log entry Connect's
 * trigger wrote for them in this transaction, by which the batch page follows them.
 */
async function recordOutcomes(
  client: Queryable,
  mapping: Mapping,
  importId: string,
  batchId: string,
  written: readonly Written[],
): Promise<void> {
  // Trigger-log ids are bigint, which pg hands over as text.
  const entries = new Map<number, string>();
  const writtenIds = written.flatMap((w) =>
    w.outcome === 'created' || w.outcome === 'updated' ? [w.rowId] : [],
  );
  if (mapping.triggerLog && writtenIds.length > 0) {
    const log = await client.query<{ record_id: number; id: string }>(
      `SELECT record_id, max(id) AS id FROM ${triggerLogTable(mapping.schema, 'live')}
        WHERE txid = txid_current() AND ${FOR_CONTACTS} AND record_id = ANY($1::int[])
        GROUP BY record_id`,
      [writtenIds],
    );
    for (const row of log.rows) entries.set(row.record_id, row.id);
  }
  const records = JSON.stringify(
    written.map((w) => ({
      n: w.rowNumber,
      outcome: w.outcome,
      row_id: w.rowId,
      key: w.key,
      snapshot: w.snapshot,
      log_id: w.rowId === null ? null : (entries.get(w.rowId) ?? null),
    })),
  );
  // The chunk's range keeps the join to its own rows: an import's rows have no statistics yet,
  // and the planner, expecting few, hashed all 100,000 of them for every chunk.
  await client.query(
    `UPDATE ${IMPORT_ROWS_TABLE} r SET outcome = w.outcome, contact_row_id = w.row_id
       FROM jsonb_to_recordset($2::jsonb) AS w(n int, outcome text, row_id bigint)
      WHERE r.import_id = $1 AND r.row_number BETWEEN $3 AND $4 AND r.row_number = w.n`,
    [importId, records, written[0]?.rowNumber ?? 0, written[written.length - 1]?.rowNumber ?? 0],
  );
  await client.query(
    `INSERT INTO ${BATCH_ITEMS_TABLE}
       (batch_id, position, contact_row_id, contact_key, snapshot, outcome, trigger_log_id)
     SELECT $1, w.n, w.row_id, w.key, w.snapshot,
            CASE WHEN w.outcome IN ('created', 'updated') THEN 'written' ELSE w.outcome END,
            w.log_id
       FROM jsonb_to_recordset($2::jsonb)
            AS w(n int, outcome text, row_id bigint, key text, snapshot jsonb, log_id bigint)
      WHERE w.row_id IS NOT NULL
     ON CONFLICT (batch_id, position) DO NOTHING`,
    [batchId, records],
  );
}

async function finish(client: Queryable, importId: string, head: ImportHead): Promise<void> {
  await client.query(
    `UPDATE ${IMPORTS_TABLE} SET state = 'done', done_through = $2, finished_at = now() WHERE id = $1`,
    [importId, head.row_count],
  );
  await client.query(`UPDATE ${BATCHES_TABLE} SET applied_at = now() WHERE id = $1`, [
    head.batch_id,
  ]);
}
