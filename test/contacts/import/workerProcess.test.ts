import { ensureAccountIndexes } from '../../../src/accounts/list/indexes';
import { ensureDuplicateIndexes } from '../../../src/connect/duplicateIndexes';
import { killStartedServers, startServer, waitFor } from '../../support/builtServer';
import { sharedBuild } from '../../support/sharedBuild';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importIdOf, postPreviewForm, upload } from './importSupport';

/**
 * The worker as a dyno runs it (node dist/worker.js, production settings): stopped mid-import by
 * SIGKILL, as an out-of-memory or crashed dyno is, or by SIGTERM, as at every deploy, the next
 * worker finishes the import, and every valid row is exactly one contact.
 */
describe('a worker stopped in the middle of an import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // As the release phase makes them: without the AccountId index each preview's duplicate
    // check scans the contacts the other test wrote once per row.
    const quiet = () => undefined;
    await ensureAccountIndexes(t.db, 'salesforce', quiet, quiet, { visibility: 'all' });
    await ensureDuplicateIndexes(t.db, 'salesforce', quiet);
  });
  afterAll(async () => {
    await killStartedServers();
    await t.close();
  });

  const ROWS = 12_000;

  /** Uploads and confirms an import of ROWS new contacts, each with its own last name. */
  const confirmedImport = async (tag: string) => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const lines = Array.from(
      { length: ROWS },
      (_, i) => `${tag},${tag} ${i},${tag}${i}@worker.example`,
    );
    const uploaded = await upload(editor, `First Name,Last Name,Email\n${lines.join('\n')}\n`);
    const importId = importIdOf(uploaded.headers.location);
    expect((await postPreviewForm(editor, importId, 'confirm')).status).toBe(303);
    return importId;
  };

  const startWorker = () =>
    startServer(
      sharedBuild(),
      {
        DATABASE_URL: t.url,
        JOB_HEARTBEAT_SECONDS: '10',
        LOG_LEVEL: 'info',
      },
      'dist/worker.js',
    );

  const progressOf = async (importId: string) => {
    const result = await t.db.query<{ state: string; done_through: number }>(
      'SELECT state, done_through FROM contact_card.imports WHERE id = $1',
      [importId],
    );
    return result.rows[0] ?? { state: 'missing', done_through: 0 };
  };

  const midway = (importId: string) =>
    waitFor(
      'the worker to write its first chunk',
      async () => (await progressOf(importId)).done_through > 0,
      60_000,
    );

  const done = (importId: string) =>
    waitFor(
      'the import to be done',
      async () => (await progressOf(importId)).state === 'done',
      90_000,
    );

  /** Each row's contact, counted by External ID and by name: any duplicate shows in both. */
  const written = async (tag: string) => {
    const result = await t.db.query<{ contacts: string; ids: string; names: string }>(
      `SELECT count(*) AS contacts, count(DISTINCT external_contact_id__c) AS ids,
              count(DISTINCT lastname) AS names
         FROM salesforce.contact WHERE firstname = $1`,
      [tag],
    );
    return result.rows[0];
  };

  afterEach(killStartedServers);

  test('when it is killed with SIGKILL, then the next worker takes the import up and writes each row once', async () => {
    const importId = await confirmedImport('Killed');
    const first = await startWorker();
    await midway(importId);

    first.process.kill('SIGKILL');
    await first.exited;
    expect((await progressOf(importId)).state).toBe('queued');
    await startWorker();
    await done(importId);

    expect(await written('Killed')).toEqual({
      contacts: `${ROWS}`,
      ids: `${ROWS}`,
      names: `${ROWS}`,
    });
  }, 150_000);

  test('when it is sent SIGTERM, then it finishes its chunk and exits 0, and the next worker writes the rest once', async () => {
    const importId = await confirmedImport('Termed');
    const first = await startWorker();
    await midway(importId);

    first.process.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect((await progressOf(importId)).state).toBe('queued');
    await startWorker();
    await done(importId);

    expect(await written('Termed')).toEqual({
      contacts: `${ROWS}`,
      ids: `${ROWS}`,
      names: `${ROWS}`,
    });
  }, 150_000);
});
