import type TestAgent from 'supertest/lib/agent';
import { readMapping } from '../../../src/connect/mapping';
import { writeImport } from '../../../src/contacts/import/importWriter';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importIdOf, postPreviewForm, upload } from './importSupport';
import { WRITE_OPTIONS } from './inProcessWorker';
import { countsIn } from '../../support/pageCounts';

/** A row the database refuses fails alone, with its reason; the rest of its chunk is written. */
describe('a row the database refuses', () => {
  let t: TestApp;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
    // A rule the app does not know of, as an admin might add to the table.
    await t.db.query(
      `ALTER TABLE salesforce.contact ADD CONSTRAINT no_refused CHECK (lastname <> 'Refused')`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when one row of a chunk is refused, then the others are written and it is offered for download with the reason', async () => {
    const uploaded = await upload(editor, 'Last Name\nAccepted One\nRefused\nAccepted Two\n');
    const importId = importIdOf(uploaded.headers.location);
    await postPreviewForm(editor, importId, 'confirm');

    await writeImport(t.db, await readMapping(t.db, 'salesforce'), importId, WRITE_OPTIONS);

    const written = await t.db.query<{ lastname: string }>(
      `SELECT lastname FROM salesforce.contact WHERE lastname LIKE 'Accepted%' ORDER BY lastname`,
    );
    expect(written.rows.map((row) => row.lastname)).toEqual(['Accepted One', 'Accepted Two']);
    const page = await editor.get(`/contacts/import/${importId}`);
    expect(countsIn(page.text)).toMatchObject({ created: 2, failed: 1, skipped: 1 });
    expect(page.text).toContain('Done: 3 of 3 rows written.');
    const csv = await editor.get(`/contacts/import/${importId}/skipped.csv`);
    expect(csv.text.split('\r\n')).toEqual([
      '\uFEFFLast Name,Reason',
      'Refused,"Not written: new row for relation ""contact"" violates check constraint ""no_refused"""',
      '',
    ]);
  });
});
