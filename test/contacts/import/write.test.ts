import type TestAgent from 'supertest/lib/agent';
import { writeImport } from '../../../src/contacts/import/importWriter';
import { readMapping } from '../../../src/connect/mapping';
import { installEmulator } from '../../emulator/harness';
import { insertAccount } from '../../support/accounts';
import { insertContact } from '../../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importDone, startInProcessWorker, WRITE_OPTIONS } from './inProcessWorker';
import { importIdOf, postPreviewForm, upload } from './importSupport';
import { countsIn } from '../../support/pageCounts';

/** Confirming puts one job on the queue; the worker writes every row once, in chunks. */
describe('writing a confirmed import', () => {
  let t: TestApp;
  let editor: TestAgent;
  let importId: string;
  let worker: Awaited<ReturnType<typeof startInProcessWorker>>;
  let beforeWorker: { page: string; planned: number };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.query<{ n: string }>(sql, params)).rows[0]?.n);
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
    await insertAccount(t.db, { name: 'Write Existing Co' });
    await insertContact(t.db, {
      lastname: 'Known',
      email: 'known@write.example',
      title: 'Old title',
    });
    await insertContact(t.db, {
      lastname: 'Same',
      email: 'same@write.example',
      title: 'Same title',
    });
    // Then Connect's triggers (seeded rows are synced), so the import's writes get trigger-log
    // entries; its sending is not needed.
    const emulator = await installEmulator(t.db, t.url);
    await emulator.stop();
    const csv = [
      'First Name,Last Name,Email,Title,Company',
      'Ada,Written One,ada@write.example,,Write Existing Co',
      'Bob,Written Two,bob@write.example,,Write New Co',
      'Cy,Written Three,,,WRITE NEW CO',
      'Dee,,dee@write.example,,',
      ',Known,known@write.example,New title,',
      ',Same,same@write.example,Same title,',
      '"=HYPERLINK(""http://evil.example"")",,evil@write.example,,',
    ].join('\n');
    const uploaded = await upload(editor, csv);
    importId = importIdOf(uploaded.headers.location);
    // Twice, as a double click sends it: one job, one plan.
    const confirms = await Promise.all([
      postPreviewForm(editor, importId, 'confirm'),
      postPreviewForm(editor, importId, 'confirm'),
    ]);
    expect(confirms.map((c) => c.status)).toEqual([303, 303]);
    beforeWorker = {
      page: (await editor.get(`/contacts/import/${importId}`)).text,
      planned: await count(
        'SELECT count(plan) AS n FROM contact_card.import_rows WHERE import_id = $1',
        [importId],
      ),
    };
    worker = await startInProcessWorker(t.db, t.url);
    await importDone(t.db, importId);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  test('when the worker has run, then each valid new row is one contact, linked to its account', async () => {
    const rows = await t.db.query<{
      lastname: string;
      accountid: string | null;
      relationship: string | null;
    }>(
      `SELECT lastname, accountid, account__external_account_id__c AS relationship
         FROM salesforce.contact WHERE lastname LIKE 'Written %' ORDER BY lastname`,
    );
    expect(rows.rows.map((r) => r.lastname)).toEqual([
      'Written One',
      'Written Three',
      'Written Two',
    ]);
    const [one, three, two] = rows.rows;
    expect(one?.accountid).toMatch(/^001/);
    expect(two?.relationship).toMatch(/^[0-9a-f]{32}$/);
    expect(three?.relationship).toBe(two?.relationship);
  });

  test('when the import is confirmed, then the request decides and writes nothing: the worker does, and the page says it is waiting', () => {
    expect(beforeWorker.planned).toBe(0);
    expect(beforeWorker.page).toContain('Waiting for the worker to check each of the 7 rows');
    expect(beforeWorker.page).toContain('<meta http-equiv="refresh" content="3">');
  });

  test('when the confirm was sent twice, then one job was queued for the import', async () => {
    expect(
      await count('SELECT count(*) AS n FROM contact_card_jobs.job WHERE singleton_key = $1', [
        importId,
      ]),
    ).toBe(1);
  });

  test('when two rows name the same new account, then it is created once', async () => {
    expect(
      await count(
        `SELECT count(*) AS n FROM salesforce.account WHERE lower(name) = 'write new co'`,
      ),
    ).toBe(1);
  });

  test('when a row matches a contact by email, then only its changed field is written, and an identical row writes nothing', async () => {
    const known = await t.db.query<{ title: string; id: number }>(
      `SELECT id, title FROM salesforce.contact WHERE email = 'known@write.example'`,
    );
    expect(known.rows[0]?.title).toBe('New title');
    const updates = await t.db.query<{ record_id: number; columns: string[] }>(
      `SELECT record_id, akeys("values"::hstore) AS columns FROM salesforce._trigger_log
        WHERE action = 'UPDATE'`,
    );
    expect(updates.rows).toEqual([{ record_id: known.rows[0]?.id, columns: ['title'] }]);
    // Connect's own trigger logs even an UPDATE that changes nothing; none was made.
    const same = await t.db.query<{ _hc_lastop: string }>(
      `SELECT _hc_lastop FROM salesforce.contact WHERE email = 'same@write.example'`,
    );
    expect(same.rows[0]?._hc_lastop).toBe('SYNCED');
  });

  test('when rows are written, then each has one audit entry and one batch item with its trigger-log entry', async () => {
    const batch = await t.db.query<{ batch_id: string }>(
      'SELECT batch_id FROM contact_card.imports WHERE id = $1',
      [importId],
    );
    const batchId = batch.rows[0]?.batch_id;
    expect(
      await count('SELECT count(*) AS n FROM contact_card.audit_entries WHERE batch_id = $1', [
        batchId,
      ]),
    ).toBe(4);
    const items = await t.db.query<{ outcome: string; logged: boolean }>(
      `SELECT outcome, trigger_log_id IS NOT NULL AS logged FROM contact_card.batch_items
        WHERE batch_id = $1 ORDER BY position`,
      [batchId],
    );
    expect(items.rows).toEqual([
      { outcome: 'written', logged: true },
      { outcome: 'written', logged: true },
      { outcome: 'written', logged: true },
      { outcome: 'written', logged: true },
      { outcome: 'unchanged', logged: false },
    ]);
    const page = await editor.get(`/contacts/import/${importId}`);
    expect(countsIn(page.text)).toEqual({
      created: 3,
      updated: 1,
      unchanged: 1,
      failed: 0,
      refused: 0,
      skipped: 2,
    });
    expect(page.text).toContain(`href="/sync/batches/${batchId ?? ''}"`);
    expect(page.text).not.toContain('http-equiv="refresh"');
  });

  test('when the job runs again, then no contact is written twice', async () => {
    const before = await count('SELECT count(*) AS n FROM salesforce.contact');
    await t.db.query(
      `UPDATE contact_card.imports SET state = 'queued', done_through = 0 WHERE id = $1`,
      [importId],
    );

    await writeImport(t.db, await readMapping(t.db, 'salesforce'), importId, WRITE_OPTIONS);

    expect(await count('SELECT count(*) AS n FROM salesforce.contact')).toBe(before);
    expect(
      await count(`SELECT count(*) AS n FROM salesforce._trigger_log WHERE action = 'UPDATE'`),
    ).toBe(1);
  });

  test('when the rows not imported are downloaded, then each is as in the file with its reason, and formulas stay text', async () => {
    const response = await editor.get(`/contacts/import/${importId}/skipped.csv`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.text.split('\r\n')).toEqual([
      '\uFEFFFirst Name,Last Name,Email,Title,Company,Reason',
      'Dee,,dee@write.example,,,Last name is required.',
      `"'=HYPERLINK(""http://evil.example"")",,evil@write.example,,,Last name is required.`,
      '',
    ]);
  });
});
