import { insertContact } from '../../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { batchIdIn, chooseFromList, itemsOf, submitMassEdit } from './bulkSupport';

describe('a mass edit on a database without Connect’s trigger log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(
      'DROP TABLE IF EXISTS salesforce._trigger_log, salesforce._trigger_log_archive',
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when applied, then the rows are written and their trigger-log ids are left empty', async () => {
    const row = await insertContact(t.db, { lastname: 'Nologfamily' });
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const chosen = await chooseFromList(editor, '/contacts?q=Nologfamily', { all: 'edit' });
    const id = batchIdIn(chosen.headers.location);

    const res = await submitMassEdit(editor, id, ['title'], { title: 'Director' });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/sync/batches/${id}`);
    expect((await itemsOf(t.db, id)).map((item) => [item.outcome, item.trigger_log_id])).toEqual([
      ['written', null],
    ]);
    const title = await t.db.query<{ title: string }>(
      'SELECT title FROM salesforce.contact WHERE id = $1',
      [row.id],
    );
    expect(title.rows[0]?.title).toBe('Director');
  });
});
