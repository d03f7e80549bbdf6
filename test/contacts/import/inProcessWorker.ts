import { editedBy, type EditedBy } from '../../../src/contacts/editedBy';
import { importJobHandler } from '../../../src/contacts/import/importJob';
import type { WriteOptions } from '../../../src/contacts/import/importWriter';
import { IMPORT_QUEUE } from '../../../src/contacts/import/limits';
import type { Database } from '../../../src/db/database';
import { jobWorker } from '../../../src/jobs/jobQueue';
import { createLogger } from '../../../src/logger';
import { waitFor } from '../../support/builtServer';
import { TEST_JOB_TIMING } from '../../support/testApp';

/** What the worker process gives the writer, without AUDIT_SALESFORCE_FIELD. */
export const WRITE_OPTIONS = {
  shouldStop: () => false,
  editedBy: editedBy(undefined),
  log: createLogger('silent'),
} satisfies WriteOptions;

/** The worker process's job loop inside the test, on the test file's database. */
export async function startInProcessWorker(
  db: Database,
  url: string,
  stamp: EditedBy = WRITE_OPTIONS.editedBy,
) {
  let stopping = false;
  const queue = await jobWorker({ connectionString: url, timing: TEST_JOB_TIMING });
  await queue.work(
    IMPORT_QUEUE,
    importJobHandler(db, {
      ...WRITE_OPTIONS,
      schema: 'salesforce',
      shouldStop: () => stopping,
      editedBy: stamp,
    }),
  );
  return {
    async stop() {
      stopping = true;
      await queue.stop(10_000);
    },
  };
}

/** Waits until the import's worker has written its last chunk (or, given, another state). */
export async function importDone(db: Database, importId: string, state = 'done'): Promise<void> {
  await waitFor(`import ${importId} to be ${state}`, async () => {
    const result = await db.query<{ state: string }>(
      'SELECT state FROM contact_card.imports WHERE id = $1',
      [importId],
    );
    return result.rows[0]?.state === state;
  });
}
