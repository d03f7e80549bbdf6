import type TestAgent from 'supertest/lib/agent';
import { importJobHandler } from '../../../src/contacts/import/importJob';
import { decodeHtml } from '../../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importIdOf, postPreviewForm, upload } from './importSupport';
import { countsIn } from '../../support/pageCounts';
import { importDone, startInProcessWorker, WRITE_OPTIONS } from './inProcessWorker';

const DISK_ERROR = 'could not extend file "base/16384/24576": No space left on device';

/**
 * An error that is no row's fault fails the job, which the queue retries; when it fails its last
 * attempt, the import is failed, and its page says it stopped and why, and what was written.
 */
describe('an import whose job runs out of retries', () => {
  let t: TestApp;
  let editor: TestAgent;
  const handler = () => importJobHandler(t.db, { schema: 'salesforce', ...WRITE_OPTIONS });
  const stateOf = async (importId: string) =>
    (
      await t.db.query<{ state: string; failure: string | null }>(
        'SELECT state, failure FROM contact_card.imports WHERE id = $1',
        [importId],
      )
    ).rows[0];
  const confirmed = async (csv: string) => {
    const importId = importIdOf((await upload(editor, csv)).headers.location);
    await postPreviewForm(editor, importId, 'confirm');
    return importId;
  };
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
    // The disk fills as a row is inserted: a database error of class 53, no row's fault.
    await t.db.query(
      `CREATE FUNCTION public.disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.lastname = 'Unlucky' THEN
           RAISE EXCEPTION '${DISK_ERROR}' USING ERRCODE = 'disk_full';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER disk_full BEFORE INSERT ON salesforce.contact
         FOR EACH ROW EXECUTE FUNCTION public.disk_full()`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when an attempt that is not the last fails, then the import stays queued for the next; when the last fails, then it is failed and its page says so', async () => {
    // One invalid row, a first chunk of 1,000 written, then the row that fails and one after it.
    const rows = Array.from({ length: 1_000 }, (_, i) => `Written ${i + 1},`);
    const importId = await confirmed(
      ['Last Name,Email', ',nobody@failure.example', ...rows, 'Unlucky,', 'Never Reached,'].join(
        '\n',
      ),
    );

    await expect(handler()({ data: { importId }, lastAttempt: false })).rejects.toThrow(DISK_ERROR);
    expect(await stateOf(importId)).toEqual({ state: 'queued', failure: null });
    await expect(handler()({ data: { importId }, lastAttempt: true })).rejects.toThrow(DISK_ERROR);

    expect(await stateOf(importId)).toEqual({ state: 'failed', failure: DISK_ERROR });
    const written = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM salesforce.contact WHERE lastname LIKE 'Written %'`,
    );
    expect(written.rows[0]?.n).toBe('1000');
    const page = await editor.get(`/contacts/import/${importId}`);
    const text = decodeHtml(page.text);
    expect(text).toContain('Stopped: 1,000 of 1,002 rows written.');
    expect(text).toContain(`The import stopped and will not go on`);
    expect(text).toContain(`The last error: <bdi>${DISK_ERROR}</bdi>`);
    expect(text).toContain(
      'The 1,000 contacts it created or updated before it stopped stay written',
    );
    expect(page.text).not.toContain('http-equiv="refresh"');
    expect(page.text).not.toMatch(/\n\s+at /);
    expect(countsIn(page.text)).toMatchObject({ created: 1000, 'not-reached': 2, skipped: 3 });
    const csv = await editor.get(`/contacts/import/${importId}/skipped.csv`);
    expect(csv.text.split('\r\n')).toEqual([
      '\uFEFFLast Name,Email,Reason',
      ',nobody@failure.example,Last name is required.',
      'Unlucky,,Not written: the import stopped before this row.',
      'Never Reached,,Not written: the import stopped before this row.',
      '',
    ]);
  });

  test('when the queue runs a job’s last attempt and it fails, then the worker marks the import failed and the queue gives up on the job', async () => {
    const importId = await confirmed('Last Name\nLucky\nUnlucky\n');
    // As after 50 failed attempts, without waiting for them.
    await t.db.query(
      `UPDATE contact_card_jobs.job SET retry_count = retry_limit WHERE singleton_key = $1`,
      [importId],
    );
    const worker = await startInProcessWorker(t.db, t.url);

    try {
      await importDone(t.db, importId, 'failed');
    } finally {
      await worker.stop();
    }

    const job = await t.db.query<{ state: string }>(
      'SELECT state FROM contact_card_jobs.job WHERE singleton_key = $1',
      [importId],
    );
    expect(job.rows).toEqual([{ state: 'failed' }]);
    expect(await stateOf(importId)).toEqual({ state: 'failed', failure: DISK_ERROR });
  });
});
