import type TestAgent from 'supertest/lib/agent';
import { readMapping } from '../../../src/connect/mapping';
import { writeImport } from '../../../src/contacts/import/importWriter';
import type { ConnectEmulator } from '../../../src/emulator/processor';
import {
  entriesIn,
  insertFromSalesforce,
  installEmulator,
  updateAsApp,
} from '../../emulator/harness';
import { decodeHtml } from '../../support/httpUser';
import { csrfTokenIn, startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importIdOf, postPreviewForm, upload } from './importSupport';
import { countsIn } from '../../support/pageCounts';
import { WRITE_OPTIONS } from './inProcessWorker';

/**
 * A written row Salesforce refuses (the emulator's failure rules play it: emulator/failureRules.ts)
 * is one more row not imported: in the download, as the file had it, with Salesforce's reason.
 */
describe('rows Salesforce refused after the import wrote them', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let editor: TestAgent;
  let importId: string;
  let batchId: string;
  let umaSfid: string;
  const rowIdOf = async (lastname: string) =>
    Number(
      (
        await t.db.query<{ id: number }>('SELECT id FROM salesforce.contact WHERE lastname = $1', [
          lastname,
        ])
      ).rows[0]?.id,
    );
  /** Connect archives a processed entry in time, failed ones too, keeping its id. */
  const archive = (entryId: number) =>
    t.db.withTransaction(async (client) => {
      await client.query(
        `INSERT INTO salesforce._trigger_log_archive
           SELECT * FROM salesforce._trigger_log WHERE id = $1`,
        [entryId],
      );
      await client.query('DELETE FROM salesforce._trigger_log WHERE id = $1', [entryId]);
    });
  const downloaded = async () =>
    (await editor.get(`/contacts/import/${importId}/skipped.csv`)).text.split('\r\n');
  const INVALID_EMAIL = (email: string) =>
    `Refused by Salesforce: INVALID_EMAIL_ADDRESS: Email: invalid email address: ${email}`;

  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    editor = t.agentSignedInAs(TEST_USERS.editor);
    const uma = await insertFromSalesforce(t.db, {
      firstname: 'Uma',
      lastname: 'Updated',
      email: 'uma@refusals.example',
    });
    umaSfid = uma.sfid;
    const csv = [
      'Contact ID,First Name,Last Name,Email',
      ',Ada,Accepted,ada@refusals.example',
      ',Ivy,Invalid,ivy@invalid.example',
      ',Tess,DUPLICATE Twin,tess@refusals.example',
      ',Rita,Retried,rita@invalid.example',
      `${umaSfid},Uma,Updated,uma@invalid.example`,
      ',Nora,,nora@refusals.example',
    ].join('\n');
    importId = importIdOf((await upload(editor, csv)).headers.location);
    await postPreviewForm(editor, importId, 'confirm');
    await writeImport(t.db, await readMapping(t.db, 'salesforce'), importId, WRITE_OPTIONS);
    const batch = await t.db.query<{ batch_id: string }>(
      'SELECT batch_id FROM contact_card.imports WHERE id = $1',
      [importId],
    );
    batchId = batch.rows[0]?.batch_id ?? '';
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  test('when the import is done and nothing is sent yet, then only the invalid row is not imported', async () => {
    const page = await editor.get(`/contacts/import/${importId}`);

    expect(countsIn(page.text)).toMatchObject({ created: 4, updated: 1, refused: 0, skipped: 1 });
    expect(await downloaded()).toEqual([
      '\uFEFFContact ID,First Name,Last Name,Email,Reason',
      ',Nora,,nora@refusals.example,Last name is required.',
      '',
    ]);
  });

  test('when Salesforce refuses a new and an updated row, then the download has each as in the file with its reason, and the page counts them and links to the batch page', async () => {
    await emulator.processOnce();

    const page = await editor.get(`/contacts/import/${importId}`);

    expect(await downloaded()).toEqual([
      '\uFEFFContact ID,First Name,Last Name,Email,Reason',
      `,Ivy,Invalid,ivy@invalid.example,${INVALID_EMAIL('ivy@invalid.example')}`,
      ',Tess,DUPLICATE Twin,tess@refusals.example,Refused by Salesforce: DUPLICATES_DETECTED: Use one of these records?',
      `,Rita,Retried,rita@invalid.example,${INVALID_EMAIL('rita@invalid.example')}`,
      `${umaSfid},Uma,Updated,uma@invalid.example,${INVALID_EMAIL('uma@invalid.example')}`,
      ',Nora,,nora@refusals.example,Last name is required.',
      '',
    ]);
    expect(countsIn(page.text)).toEqual({
      created: 4,
      updated: 1,
      unchanged: 0,
      failed: 0,
      refused: 4,
      skipped: 5,
    });
    expect(decodeHtml(page.text)).toContain(
      'Salesforce refused 4 of the written rows so far. The download of rows not imported gives its reason for each',
    );
    expect(page.text).toContain(
      `<a href="/sync/batches/${batchId}">retry them on the batch page</a>`,
    );
    expect(page.text).toContain('Download the 5 rows not imported');
  });

  test('when a refused row is fixed and retried and reaches Salesforce, then it is no longer listed; an archived refusal still is', async () => {
    const rita = await rowIdOf('Retried');
    const tess = await rowIdOf('DUPLICATE Twin');
    const [ritaEntry] = await entriesIn(t.db, '_trigger_log', rita);
    const [tessEntry] = await entriesIn(t.db, '_trigger_log', tess);
    await archive(ritaEntry?.id ?? 0);
    await archive(tessEntry?.id ?? 0);
    await updateAsApp(t.db, rita, { email: 'rita@refusals.example' });
    const failedPage = await editor.get('/sync/failed');
    const retried = await editor
      .post('/sync/retry')
      .type('form')
      .send({ _csrf: csrfTokenIn(failedPage.text), source: 'archive', id: String(ritaEntry?.id) });
    expect(retried.status).toBe(303);
    await emulator.processOnce();

    const page = await editor.get(`/contacts/import/${importId}`);

    expect(await entriesIn(t.db, '_trigger_log_archive', rita)).toEqual(
      expect.arrayContaining([expect.objectContaining({ state: 'SUCCESS' })]),
    );
    expect(await downloaded()).toEqual([
      '\uFEFFContact ID,First Name,Last Name,Email,Reason',
      `,Ivy,Invalid,ivy@invalid.example,${INVALID_EMAIL('ivy@invalid.example')}`,
      ',Tess,DUPLICATE Twin,tess@refusals.example,Refused by Salesforce: DUPLICATES_DETECTED: Use one of these records?',
      `${umaSfid},Uma,Updated,uma@invalid.example,${INVALID_EMAIL('uma@invalid.example')}`,
      ',Nora,,nora@refusals.example,Last name is required.',
      '',
    ]);
    expect(countsIn(page.text)).toMatchObject({ refused: 3, skipped: 4 });
  });
});
