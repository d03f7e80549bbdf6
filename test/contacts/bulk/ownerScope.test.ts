import { insertFromSalesforce } from '../../emulator/harness';
import { TEST_USERS, type TestApp } from '../../support/testApp';
import {
  batchIdIn,
  chooseFromList,
  itemsOf,
  startBulkTestApp,
  submitMassEdit,
} from './bulkSupport';

describe('bulk actions restricted to one’s own contacts (CONTACT_VISIBILITY=owner)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startBulkTestApp({ CONTACT_VISIBILITY: 'owner' });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when an editor chooses, then another owner’s contacts are not chosen, by key or as all that match', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const mine = await insertFromSalesforce(t.db, {
      lastname: 'Scopefamily',
      ownerid: TEST_USERS.editor.id,
    });
    const theirs = await insertFromSalesforce(t.db, {
      lastname: 'Scopefamily',
      ownerid: '005SOMEONEELSE00AA',
    });

    const byKey = await chooseFromList(editor, '/contacts', {
      keys: [theirs.sfid, mine.sfid],
      action: 'edit',
    });
    const all = await chooseFromList(editor, '/contacts?q=Scopefamily', { all: 'edit' });

    for (const res of [byKey, all]) {
      const items = await itemsOf(t.db, batchIdIn(res.headers.location));
      expect(items.map((item) => item.contact_key)).toEqual([mine.sfid]);
    }
    const onlyTheirs = await chooseFromList(editor, '/contacts', {
      keys: [theirs.sfid],
      action: 'delete',
    });
    expect(onlyTheirs.headers.location).toBe('/contacts');
  });

  test('when a chosen contact is given to someone else before the edit, then it is gone and not written', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const row = await insertFromSalesforce(t.db, {
      lastname: 'Handoverfamily',
      ownerid: TEST_USERS.editor.id,
    });
    const chosen = await chooseFromList(editor, '/contacts?q=Handoverfamily', { all: 'edit' });
    const id = batchIdIn(chosen.headers.location);
    await t.db.query(`UPDATE salesforce.contact SET ownerid = '005SOMEONEELSE00AA' WHERE id = $1`, [
      row.id,
    ]);

    const res = await submitMassEdit(editor, id, ['title'], { title: 'Director' });

    expect(res.status).toBe(303);
    expect((await itemsOf(t.db, id)).map((item) => item.outcome)).toEqual(['gone']);
    const title = await t.db.query<{ title: string }>(
      'SELECT title FROM salesforce.contact WHERE id = $1',
      [row.id],
    );
    expect(title.rows[0]?.title).toBe('Analyst');
  });
});
