import type TestAgent from 'supertest/lib/agent';
import { insertContact, type StoredContact } from '../support/contacts';
import { seedBatch, type SeededBatch } from '../support/batches';
import { csrfTokenIn, startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { countsIn, pageText } from './batchPageText';

/**
 * Who may see a batch, and the page without Connect's trigger log (no emulator here): each
 * row's state then comes from the contact's `_hc_lastop`.
 */
describe('the batch page without the trigger log, and who may see it', () => {
  let t: TestApp;
  let editor: TestAgent;
  let batch: SeededBatch;
  let failed: StoredContact;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
    const pending = await insertContact(t.db, { firstname: 'Pam', lastname: 'Pending' });
    const synced = await insertContact(t.db, { firstname: 'Sid', lastname: 'Synced' });
    failed = await insertContact(t.db, { firstname: 'Fern', lastname: 'Failed' });
    batch = await seedBatch(t.db, {
      kind: 'edit',
      user: TEST_USERS.editor,
      changes: [
        { field: 'title', label: 'Title', to: 'Buyer' },
        { field: 'department', label: 'Department', to: '' },
      ],
      items: [
        { contact: pending, outcome: 'written', set: { title: 'Buyer', _hc_lastop: 'PENDING' } },
        { contact: synced, outcome: 'written', set: { title: 'Buyer', _hc_lastop: 'UPDATED' } },
        {
          contact: failed,
          outcome: 'written',
          set: { title: 'Buyer', _hc_lastop: 'FAILED', _hc_err: 'UNABLE_TO_LOCK_ROW: try again' },
        },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const path = () => `/sync/batches/${batch.id}`;

  test("when there is no trigger log, then each row's state is its contact's last operation, and nothing offers a retry", async () => {
    const page = await editor.get(path());
    const progress = await editor.get(`${path()}.json`);

    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain(
      'Set Title to “Buyer” and Department to blank on 3 contacts.',
    );
    expect(countsIn(page.text)).toEqual({ pending: 1, sent: 0, synced: 1, failed: 1 });
    expect(progress.body).toMatchObject({ pending: 1, synced: 1, failed: 1, done: false });
    expect(pageText(page.text)).toContain('UNABLE_TO_LOCK_ROW: try again');
    expect(page.text).toContain(`href="/contacts/${String(failed.sfid)}"`);
    expect(page.text).not.toContain('Retry all failed');
  });

  test('when the page polls, then its script is served as JavaScript, cached for a year, under a CSP that allows only this origin', async () => {
    const page = await editor.get(path());
    const src = /<script src="([^"]+)" defer><\/script>/.exec(page.text)?.[1] ?? '';

    const script = await editor.get(src);

    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(src).toMatch(/^\/assets\/batchProgress\.[0-9a-f]{10}\.js$/);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.text).toContain('batch-progress');
  });

  test('when another editor, or a viewer who created nothing, asks for the batch, then there is no such batch', async () => {
    const other = t.agentSignedInAs({
      ...TEST_USERS.editor,
      id: '005TEST0000000OTH',
      name: 'Otto',
    });
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);

    for (const agent of [other, viewer]) {
      const page = await agent.get(path());
      const progress = await agent.get(`${path()}.json`);
      expect(page.status).toBe(404);
      expect(pageText(page.text)).toContain('No such batch');
      expect(progress.status).toBe(404);
    }
    const form = await other.get('/contacts');
    const retry = await other
      .post(`${path()}/retry`)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text) });
    expect(retry.status).toBe(404);
  });

  test('when an admin asks for it, then the page shows it', async () => {
    const page = await t.agentSignedInAs(TEST_USERS.admin).get(path());

    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain('Applied by Eddie Editor');
  });

  test('when a viewer sends Retry all failed, then it is refused', async () => {
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const form = await viewer.get('/contacts');

    const retry = await viewer
      .post(`${path()}/retry`)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text) });

    expect(retry.status).toBe(403);
  });

  test('when the id is malformed, then each route answers 404, not an error', async () => {
    const form = await editor.get('/contacts');
    for (const id of ['not-a-uuid', "1' OR '1'='1", '0'.repeat(200), 'ABC.json']) {
      const encoded = encodeURIComponent(id);
      expect((await editor.get(`/sync/batches/${encoded}`)).status).toBe(404);
      expect((await editor.get(`/sync/batches/${encoded}.json`)).status).toBe(404);
      const retry = await editor
        .post(`/sync/batches/${encoded}/retry`)
        .type('form')
        .send({ _csrf: csrfTokenIn(form.text) });
      expect(retry.status).toBe(404);
    }
  });

  test('when a batch is not applied yet, then its page says so and links to its form', async () => {
    const contact = await insertContact(t.db);
    const edit = await seedBatch(t.db, {
      kind: 'edit',
      user: TEST_USERS.editor,
      applied: false,
      items: [{ contact, outcome: null }],
    });
    const del = await seedBatch(t.db, {
      kind: 'delete',
      user: TEST_USERS.editor,
      applied: false,
      items: [{ contact, outcome: null }],
    });

    const editPage = await editor.get(`/sync/batches/${edit.id}`);
    const deletePage = await editor.get(`/sync/batches/${del.id}`);

    expect(pageText(editPage.text)).toContain('1 contact chosen to edit; not applied yet.');
    expect(pageText(editPage.text)).toContain('This batch has not been applied yet');
    expect(editPage.text).toContain(`href="/contacts/bulk/${edit.id}"`);
    expect(deletePage.text).toContain(`href="/contacts/bulk/${del.id}/delete"`);
    expect(editPage.text).not.toContain('<script');
  });
});
