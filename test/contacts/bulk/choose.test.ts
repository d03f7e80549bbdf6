import type TestAgent from 'supertest/lib/agent';
import { decodeHtml } from '../../support/contacts';
import { insertFromSalesforce } from '../../emulator/harness';
import { TEST_USERS, type TestApp } from '../../support/testApp';
import { batchIdIn, chooseFromList, itemsOf, startBulkTestApp } from './bulkSupport';

describe('choosing contacts from the list for a bulk action', () => {
  let t: TestApp;
  let editor: TestAgent;
  const sfids = new Map<string, string>();
  beforeAll(async () => {
    t = await startBulkTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
    const people: [string, string, string | null][] = [
      ['Maria', 'Quarry', 'SYNCED'],
      ['Mario', 'Quarrel', 'FAILED'],
      ['Marta', 'Quartz', 'FAILED'],
      ['Otto', 'Other', 'FAILED'],
      ['Mia', 'Quasar', 'SYNCED'],
    ];
    for (const [firstname, lastname, state] of people) {
      const row = await insertFromSalesforce(t.db, { firstname, lastname, _hc_lastop: state });
      sfids.set(lastname, row.sfid);
    }
  });
  afterAll(async () => {
    await t.close();
  });
  const sfid = (lastname: string) => sfids.get(lastname) ?? '';

  test('when an editor opens the list, then each row has a checkbox named for its contact and the form offers all that match', async () => {
    const res = await editor.get('/contacts?q=qua');

    expect(res.text).toContain(
      `<td data-label="Choose"><input type="checkbox" name="keys" value="${sfid('Quarrel')}" aria-label="Choose \u2068Mario\u2069 \u2068Quarrel\u2069"></td>`,
    );
    expect(res.text).toContain('<input type="hidden" name="q" value="qua">');
    expect(res.text).toContain(
      '<button type="submit" name="action" value="edit">Edit selected</button>',
    );
    expect(res.text).toContain('<legend>Select all 4 that match</legend>');
    expect(res.text).toContain('Delete all 4</button>');
  });

  test('when rows are checked, then the batch holds those visible rows in the list’s order, each with its snapshot', async () => {
    const res = await chooseFromList(editor, '/contacts', {
      keys: [sfid('Quasar'), 'row-999999', sfid('Quarry'), '003NOSUCHCONTACTAAA', 'not a key!'],
      action: 'edit',
    });

    expect(res.status).toBe(303);
    const id = batchIdIn(res.headers.location);
    expect(res.headers.location).toBe(`/contacts/bulk/${id}`);
    const items = await itemsOf(t.db, id);
    expect(items.map((item) => item.contact_key)).toEqual([sfid('Quarry'), sfid('Quasar')]);
    expect(items[0]?.snapshot).toMatchObject({
      firstname: 'Maria',
      lastname: 'Quarry',
      title: 'Analyst',
    });
    expect(items.map((item) => item.outcome)).toEqual([null, null]);
  });

  test('when rows are checked on a searched and filtered list, then they are chosen by key alone', async () => {
    const res = await chooseFromList(editor, '/contacts?q=qua&sync=failed&sort=email', {
      keys: [sfid('Quartz'), sfid('Quarrel')],
      action: 'edit',
    });

    expect(res.status).toBe(303);
    const items = await itemsOf(t.db, batchIdIn(res.headers.location));
    expect(items.map((item) => item.contact_key).sort()).toEqual(
      [sfid('Quarrel'), sfid('Quartz')].sort(),
    );
  });

  test('when all that match a search and a filter are chosen, then the batch holds exactly those, in the list’s sort', async () => {
    const res = await chooseFromList(editor, '/contacts?q=qua&sync=failed&sort=name&dir=desc', {
      all: 'delete',
    });

    expect(res.status).toBe(303);
    const id = batchIdIn(res.headers.location);
    expect(res.headers.location).toBe(`/contacts/bulk/${id}/delete`);
    const items = await itemsOf(t.db, id);
    expect(items.map((item) => item.contact_key)).toEqual([sfid('Quartz'), sfid('Quarrel')]);
    const batch = await t.db.query<{ kind: string; list_query: string; user_id: string }>(
      'SELECT kind, list_query, user_id FROM contact_card.batches WHERE id = $1',
      [id],
    );
    expect(batch.rows[0]).toEqual({
      kind: 'delete',
      list_query: '?q=qua&dir=desc&sync=failed',
      user_id: TEST_USERS.editor.id,
    });
    const page = await editor.get(`/contacts/bulk/${id}/delete`);
    expect(decodeHtml(page.text)).toContain('<h1>Delete 2 contacts?</h1>');
  });

  test('when all that match are chosen from the list sorted by account, then they come in that order', async () => {
    const res = await chooseFromList(editor, '/contacts?q=qua&sort=account', { all: 'edit' });

    expect(res.status).toBe(303);
    const items = await itemsOf(t.db, batchIdIn(res.headers.location));
    // None has an account, so they follow in name order, as on the list.
    expect(items.map((item) => item.contact_key)).toEqual(
      ['Quarrel', 'Quarry', 'Quartz', 'Quasar'].map(sfid),
    );
  });

  test('when nothing is checked, then no batch is made and the list says why', async () => {
    const before = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contact_card.batches',
    );
    const res = await chooseFromList(editor, '/contacts?q=qua', { keys: [], action: 'edit' });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/contacts?q=qua');
    const list = await editor.get(res.headers.location ?? '');
    expect(list.text).toContain('No contacts were chosen.');
    const after = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contact_card.batches',
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  test('when a whole page of 100 rows is checked, then it is taken; more than a page holds is refused', async () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `row-${i + 1_000_000}`);
    const list = '/contacts?q=qua&sort=email&dir=desc&sync=failed&perPage=100';

    const page = await chooseFromList(editor, list, { keys: keys(100), action: 'edit' });
    const res = await chooseFromList(editor, list, { keys: keys(101), action: 'edit' });

    // None of these rows exists, so nothing is chosen: back to the list.
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/contacts?q=qua&sort=email&dir=desc&sync=failed');
    expect(res.status).toBe(400);
    expect(res.text).toContain('At most 100 contacts can be checked at once');
  });

  test('when only unknown keys are checked, then nothing is chosen either', async () => {
    const res = await chooseFromList(editor, '/contacts', {
      keys: ['row-999999'],
      action: 'delete',
    });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/contacts');
  });

  test('when a viewer opens the list, then it has no checkboxes and no bulk form, and every bulk route refuses', async () => {
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const list = await viewer.get('/contacts');
    expect(list.text).not.toContain('name="keys"');
    expect(list.text).not.toContain('/contacts/bulk');
    expect(list.text).not.toContain('Select all');

    const chosen = await chooseFromList(editor, '/contacts', {
      keys: [sfid('Quarry')],
      action: 'edit',
    });
    const id = batchIdIn(chosen.headers.location);
    const token = /name="_csrf" value="([^"]+)"/.exec(list.text)?.[1] ?? '';
    const post = (path: string, body: Record<string, string>) =>
      viewer
        .post(path)
        .type('form')
        .send({ _csrf: token, ...body });

    expect((await post('/contacts/bulk', { keys: sfid('Quarry'), action: 'edit' })).status).toBe(
      403,
    );
    expect((await viewer.get(`/contacts/bulk/${id}`)).status).toBe(403);
    expect((await post(`/contacts/bulk/${id}`, { change: 'title', title: 'X' })).status).toBe(403);
    expect((await viewer.get(`/contacts/bulk/${id}/delete`)).status).toBe(403);
    expect((await post(`/contacts/bulk/${id}/delete`, {})).status).toBe(403);
    expect((await itemsOf(t.db, id)).map((item) => item.outcome)).toEqual([null]);
  });

  test('when another editor opens or applies a batch, then it is not found and nothing is written', async () => {
    const chosen = await chooseFromList(editor, '/contacts', {
      keys: [sfid('Quarry')],
      action: 'edit',
    });
    const id = batchIdIn(chosen.headers.location);
    const other = t.agentSignedInAs({
      ...TEST_USERS.editor,
      id: '005TEST000000OTHER',
      name: 'Olga Other',
    });
    const list = await other.get('/contacts');
    const token = /name="_csrf" value="([^"]+)"/.exec(list.text)?.[1] ?? '';

    expect((await other.get(`/contacts/bulk/${id}`)).status).toBe(404);
    const apply = await other
      .post(`/contacts/bulk/${id}`)
      .type('form')
      .send({ _csrf: token, change: 'title', title: 'Taken over' });
    expect(apply.status).toBe(404);
    expect((await other.get(`/contacts/bulk/${id}/delete`)).status).toBe(404);
    expect(
      (await other.post(`/contacts/bulk/${id}/delete`).type('form').send({ _csrf: token })).status,
    ).toBe(404);
    expect((await itemsOf(t.db, id)).map((item) => item.outcome)).toEqual([null]);

    const admin = t.agentSignedInAs(TEST_USERS.admin);
    expect((await admin.get(`/contacts/bulk/${id}`)).status).toBe(200);
  });

  test('when an edit batch is posted to as a delete, or the other way round, then it is not found', async () => {
    const chosen = await chooseFromList(editor, '/contacts', {
      keys: [sfid('Quarry')],
      action: 'edit',
    });
    const id = batchIdIn(chosen.headers.location);
    const page = await editor.get(`/contacts/bulk/${id}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';

    expect((await editor.get(`/contacts/bulk/${id}/delete`)).status).toBe(404);
    expect(
      (await editor.post(`/contacts/bulk/${id}/delete`).type('form').send({ _csrf: token })).status,
    ).toBe(404);
    expect(
      (await t.db.query('SELECT 1 FROM salesforce.contact WHERE sfid = $1', [sfid('Quarry')]))
        .rowCount,
    ).toBe(1);
  });
});
