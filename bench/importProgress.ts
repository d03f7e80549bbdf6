import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../src/db/database';
import { IMPORT_ROWS_TABLE, IMPORTS_TABLE } from '../src/contacts/import/importStore';
import { JOB_SCHEMA } from '../src/jobs/jobQueue';
import type { RunningWorker } from './servers';

/** The target is 60 s for 100,000 rows; ten times that is a stuck import, not a slow one. */
const WRITE_DEADLINE_MS = 10 * 60_000;
const POLL_MS = 100;

/**
 * Resolves once the worker has marked the import done. Fails at once when the worker exits or
 * its job fails (pg-boss would retry it, fifty times, and the figure would mean nothing), and
 * after WRITE_DEADLINE_MS.
 */
export async function untilWritten(
  db: Database,
  importId: string,
  worker: RunningWorker,
): Promise<void> {
  const deadline = Date.now() + WRITE_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (!worker.group.running()) throw new Error(`the worker exited; see ${worker.logFile}`);
    const state = await db.query<{ state: string; retried: string | null }>(
      `SELECT i.state,
              (SELECT output::text FROM ${JOB_SCHEMA}.job
                WHERE singleton_key = i.id::text AND retry_count > 0 LIMIT 1) AS retried
         FROM ${IMPORTS_TABLE} i WHERE i.id = $1`,
      [importId],
    );
    const row = state.rows[0];
    if (row?.state === 'done') return;
    if (row?.retried) {
      throw new Error(`the import's job failed: ${row.retried}; see ${worker.logFile}`);
    }
    await sleep(POLL_MS);
  }
  throw new Error(
    `the import was not written within ${WRITE_DEADLINE_MS / 1000} s; see ${worker.logFile}`,
  );
}

/**
 * Deletes the contacts and accounts the import created (its updates of seeded contacts' titles
 * stay, as the edits' do), and vacuums, so the scenarios after it see the seed as before: the
 * import's contacts are the editor's, and would make the owner scenarios' lists grow.
 */
export async function removeImported(
  db: Database,
  importId: string,
  newCompanies: readonly string[],
): Promise<void> {
  await db.query(
    `DELETE FROM salesforce.contact WHERE id IN (
       SELECT contact_row_id FROM ${IMPORT_ROWS_TABLE}
        WHERE import_id = $1 AND outcome = 'created')`,
    [importId],
  );
  await db.query(`DELETE FROM salesforce.account WHERE sfid IS NULL AND name = ANY($1::text[])`, [
    newCompanies,
  ]);
  await db.query('VACUUM (ANALYZE) salesforce.contact, salesforce.account');
}
