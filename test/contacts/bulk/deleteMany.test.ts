import type TestAgent from 'supertest/lib/agent';
import { decodeHtml } from '../../support/contacts';
import { entriesIn, insertFromSalesforce, updateAsApp } from '../../emulator/harness';
import { csrfTokenIn, TEST_USERS, type TestApp } from '../../support/testApp';
import { auditOf, batchIdIn, chooseFromList, itemsOf, startBulkTestApp } from './bulkSupport';

describe('deleting many contacts at once', () => {
  let t: TestApp;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startBulkTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  const family = async (lastname: string, count: number) => {
    const rows = [];
    for (let i = 0; i < count; i += 1) {
      rows.push(await insertFromSalesforce(t.db, { firstname: `P${i}`, lastname }));
    }
    return rows;
  };
  const exists = async (id: number) =>
    ((await t.db.query('SELECT 1 FROM salesforce.contact WHERE id = $1', [id])).rowCount ?? 0) > 0;

  test('when the confirmation opens, then it says how many and names the first of them', async () => {
    await family('Countfamily', 30);
    const chosen = await chooseFromList(editor, '/contacts?q=Countfamily', { all: 'delete' });
    const id = batchIdIn(chosen.headers.location);

    const res = await editor.get(`/contacts/bulk/${id}/delete`);

    const text = decodeHtml(res.text);
    expect(text).toContain('<h1>Delete 30 contacts?</h1>');
    expect(text).toContain('<bdi>P0</bdi> <bdi>Countfamily</bdi>');
    expect(text).toContain('and 10 more.');
    expect(text).toContain('Delete 30 contacts</button>');
  });

  test('when confirmed, then each unchanged row is deleted with its audit entry and trigger-log entry; a changed one is kept', async () => {
    const [kept, gone, deleted] = await family('Delfamily', 3);
    const chosen = await chooseFromList(editor, '/contacts?q=Delfamily', { all: 'delete' });
    const id = batchIdIn(chosen.headers.location);
    const page = await editor.get(`/contacts/bulk/${id}/delete`);
    await updateAsApp(t.db, kept?.id ?? 0, { email: 'changed@example.com' });
    await t.db.query('DELETE FROM salesforce.contact WHERE id = $1', [gone?.id]);

    const res = await editor
      .post(`/contacts/bulk/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });
    const again = await editor
      .post(`/contacts/bulk/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });

    for (const answer of [res, again]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe(`/sync/batches/${id}`);
    }
    expect(await exists(kept?.id ?? 0)).toBe(true);
    expect(await exists(deleted?.id ?? 0)).toBe(false);
    const entries = await entriesIn(t.db, '_trigger_log', deleted?.id ?? 0);
    expect(entries.map((entry) => entry.action)).toEqual(['DELETE']);
    const items = await itemsOf(t.db, id);
    expect(items.map((item) => [item.outcome, item.trigger_log_id])).toEqual([
      ['changed_meanwhile', null],
      ['gone', null],
      ['written', entries[0]?.id],
    ]);
    const audit = await auditOf(t.db, id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'delete', sfid: deleted?.sfid });
    expect(audit[0]?.changes).toContainEqual({
      field: 'lastname',
      label: 'Last name',
      from: 'Delfamily',
      to: '',
    });
    expect((await editor.get(`/contacts/bulk/${id}/delete`)).headers.location).toBe(
      `/sync/batches/${id}`,
    );
  });
});
