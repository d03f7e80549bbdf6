import { editedBy } from '../../../src/contacts/editedBy';
import { auditTrail, type StoredEntry } from '../../audit/auditTrail';
import { installEmulator } from '../../emulator/harness';
import { insertContact } from '../../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importIdOf, postPreviewForm, upload } from './importSupport';
import { importDone, startInProcessWorker } from './inProcessWorker';

const COLUMN = 'last_edited_in_app_by__c';

/** AUDIT_SALESFORCE_FIELD: an import's writes carry the uploader's username, as the form's do. */
describe('an import with AUDIT_SALESFORCE_FIELD set', () => {
  let t: TestApp;
  let worker: Awaited<ReturnType<typeof startInProcessWorker>>;
  let known: { id: number };
  let same: { id: number };
  let entries: StoredEntry[];
  const stamped = async (where: string, value: string | number) =>
    (
      await t.db.query<Record<string, unknown>>(
        `SELECT ${COLUMN} FROM salesforce.contact WHERE ${where} = $1`,
        [value],
      )
    ).rows[0]?.[COLUMN];
  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SALESFORCE_FIELD: COLUMN } });
    // As Connect adds a newly mapped Salesforce Text(80) field.
    await t.db.query(`ALTER TABLE salesforce.contact ADD COLUMN ${COLUMN} varchar(80)`);
    known = await insertContact(t.db, { lastname: 'Known', email: 'known@stamp.example' });
    same = await insertContact(t.db, {
      lastname: 'Same',
      email: 'same@stamp.example',
      title: 'Same title',
    });
    // Connect's triggers, after the seeded rows: each write of the import is logged.
    await (await installEmulator(t.db, t.url)).stop();
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const csv = [
      'Last Name,Email,Title',
      'Newcomer,new@stamp.example,Engineer',
      'Known,known@stamp.example,New title',
      'Same,same@stamp.example,Same title',
    ].join('\n');
    const importId = importIdOf((await upload(editor, csv)).headers.location);
    const trail = auditTrail(t.db);
    const mark = await trail.since();
    await postPreviewForm(editor, importId, 'confirm');
    // As the worker process builds it from the configuration (process/worker.ts).
    worker = await startInProcessWorker(t.db, t.url, editedBy(t.config.auditSalesforceField));
    await importDone(t.db, importId);
    entries = await trail.after(mark);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  test('when a row creates a contact, then the column holds the uploader’s username', async () => {
    expect(await stamped('email', 'new@stamp.example')).toBe(TEST_USERS.editor.username);
  });

  test('when a row changes a contact, then the column holds the uploader’s username and the audit entry lists only the file’s change', async () => {
    expect(await stamped('id', known.id)).toBe(TEST_USERS.editor.username);
    expect(entries.filter((entry) => entry.action === 'edit').map((e) => e.changes)).toEqual([
      [{ field: 'title', label: 'Title', from: 'Analyst', to: 'New title' }],
    ]);
    expect(entries.flatMap((entry) => entry.changes.map((change) => change.field))).not.toContain(
      COLUMN,
    );
  });

  test('when a row is already as the file has it, then it is not written, stamp and all', async () => {
    const logged = await t.db.query('SELECT 1 FROM salesforce._trigger_log WHERE record_id = $1', [
      same.id,
    ]);

    expect(await stamped('id', same.id)).toBeNull();
    expect(logged.rowCount).toBe(0);
  });
});
