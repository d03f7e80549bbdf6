import type { Database } from '../src/db/database';
import { readMapping } from '../src/connect/mapping';
import { contactTable, EXTERNAL_ID_COLUMN, notDeleted } from '../src/connect/contactTable';
import { quoteIdentifier } from '../src/db/identifiers';
import { snapshotSql } from '../src/contacts/bulk/snapshotColumns';
import { sampleUserByKey } from '../src/loginEmulator/sampleUsers';
import { BATCH_ITEMS_TABLE, BATCH_LIMIT, BATCHES_TABLE } from '../src/records/batches';
import { csrfTokenIn, VIA_HTTPS } from '../test/support/httpUser';
import type { RunningApp } from './servers';

/** One mass edit of a full batch (BATCH_LIMIT contacts, fewer in a smaller seed), applied once. */
export interface MassEditRun {
  rows: number;
  written: number;
  seconds: number;
}

/**
 * `mass_edit_10k`: the editor's batch of the first BATCH_LIMIT contacts, made as choosing
 * "all that match" makes one (the list's query cannot narrow a large seed to exactly that many),
 * then the mass-edit form's POST, timed from request to redirect: one transaction that locks,
 * compares and writes every row, records its trigger-log entry and its audit entry.
 */
export async function massEdit10k(
  app: RunningApp,
  db: Database,
  cookie: string,
): Promise<MassEditRun> {
  const editor = sampleUserByKey('editor');
  if (!editor) throw new Error('the login emulator has no sample editor');
  const mapping = await readMapping(db, 'salesforce');
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO ${BATCHES_TABLE} (id, kind, user_id, username, user_name)
     VALUES ($1, 'edit', $2, $3, $4)`,
    [id, editor.userId, editor.preferredUsername, editor.name],
  );
  const key = `coalesce(contact.sfid, ${
    mapping.hasExternalId ? `contact.${quoteIdentifier(EXTERNAL_ID_COLUMN)}, ` : ''
  }'row-' || contact.id)`;
  const chosen = await db.query(
    `INSERT INTO ${BATCH_ITEMS_TABLE} (batch_id, position, contact_row_id, contact_key, snapshot)
     SELECT $1, row_number() OVER (ORDER BY id), id, ${key}, ${snapshotSql(mapping, 'contact')}
       FROM (SELECT * FROM ${contactTable(mapping)} WHERE ${notDeleted(mapping)}
              ORDER BY id LIMIT ${BATCH_LIMIT}) AS contact`,
    [id],
  );
  const headers = { ...VIA_HTTPS, Cookie: cookie };
  const form = await fetch(`${app.url}/contacts/bulk/${id}`, { headers });
  if (form.status !== 200) throw new Error(`the mass-edit form answered ${form.status}`);
  const body = new URLSearchParams({
    _csrf: csrfTokenIn(await form.text()),
    change: 'department',
    department: `Mass edit ${id.slice(0, 8)}`,
  });
  const started = performance.now();
  const applied = await fetch(`${app.url}/contacts/bulk/${id}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  const seconds = (performance.now() - started) / 1000;
  if (applied.status !== 303) throw new Error(`the mass edit answered ${applied.status}`);
  const written = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${BATCH_ITEMS_TABLE} WHERE batch_id = $1 AND outcome = 'written'`,
    [id],
  );
  return {
    rows: chosen.rowCount ?? 0,
    written: written.rows[0]?.n ?? 0,
    seconds: Math.round(seconds * 100) / 100,
  };
}

/** `mass_edit_10k: 10,000 rows (10,000 written) in 2.1 s`. */
export function massEditLine(run: MassEditRun): string {
  return (
    `mass_edit_10k: ${run.rows.toLocaleString('en-US')} rows ` +
    `(${run.written.toLocaleString('en-US')} written) in ${run.seconds} s`
  );
}
