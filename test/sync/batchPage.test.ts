import type TestAgent from 'supertest/lib/agent';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { entriesIn, insertFromSalesforce, installEmulator } from '../emulator/harness';
import { seedBatch, type SeededBatch } from '../support/batches';
import { decodeHtml } from '../support/httpUser';
import { csrfTokenIn, startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { countsIn, pageText } from './batchPageText';

/**
 * One mass edit followed to Salesforce, with the emulator standing in for Connect: a contact
 * with an invalid email and one the duplicate rule refuses fail (emulator/failureRules.ts).
 */
describe('the batch page follows a mass edit to Salesforce', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let editor: TestAgent;
  let batch: SeededBatch;
  let failing: { id: number; sfid: string };
  let refused: { id: number; sfid: string };
  let changed: { id: number; sfid: string };
  let twin: { id: number; sfid: string };
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    editor = t.agentSignedInAs(TEST_USERS.editor);
    const fay = await insertFromSalesforce(t.db, { firstname: 'Fay', lastname: 'Fine' });
    const finn = await insertFromSalesforce(t.db, { firstname: 'Finn', lastname: 'Fine' });
    failing = await insertFromSalesforce(t.db, {
      firstname: 'Ivy',
      lastname: 'Invalid',
      email: 'ivy@invalid.example',
    });
    twin = await insertFromSalesforce(t.db, { firstname: 'Tess', email: 'tess@example.com' });
    refused = await insertFromSalesforce(t.db, {
      firstname: 'Tess',
      lastname: 'DUPLICATE Twin',
      email: 'Tess@Example.com',
    });
    changed = await insertFromSalesforce(t.db, { firstname: 'Chad', lastname: 'Changed' });
    const unchanged = await insertFromSalesforce(t.db, { firstname: 'Una', lastname: 'Same' });
    const gone = await insertFromSalesforce(t.db, { firstname: 'Gus', lastname: 'Gone' });
    const named = (row: { id: number; sfid: string }, firstname: string, lastname: string) => ({
      ...row,
      firstname,
      lastname,
    });
    const set = { department: 'Sales' };
    batch = await seedBatch(t.db, {
      kind: 'edit',
      user: TEST_USERS.editor,
      changes: [{ field: 'department', label: 'Department', to: 'Sales' }],
      items: [
        { contact: named(fay, 'Fay', 'Fine'), outcome: 'written', set },
        { contact: named(finn, 'Finn', 'Fine'), outcome: 'written', set },
        { contact: named(failing, 'Ivy', 'Invalid'), outcome: 'written', set },
        { contact: named(refused, 'Tess', 'DUPLICATE Twin'), outcome: 'written', set },
        { contact: named(changed, 'Chad', 'Changed'), outcome: 'changed_meanwhile' },
        { contact: named(unchanged, 'Una', 'Same'), outcome: 'unchanged' },
        { contact: named(gone, 'Gus', 'Gone'), outcome: 'gone' },
      ],
    });
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  const path = () => `/sync/batches/${batch.id}`;

  test('when the batch is applied and nothing is sent yet, then the page counts its written rows pending and polls for more', async () => {
    const page = await editor.get(path());
    const progress = await editor.get(`${path()}.json`);

    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain('Set Department to “Sales” on 4 contacts.');
    expect(pageText(page.text)).toContain('Applied by Eddie Editor at');
    expect(countsIn(page.text)).toEqual({ pending: 4, sent: 0, synced: 0, failed: 0 });
    expect(page.text).toContain('aria-live="polite"');
    expect(page.text).toMatch(/<script src="\/assets\/batchProgress\.[0-9a-f]{10}\.js" defer>/);
    expect(page.text).toContain(`<a href="${path()}">Refresh</a>`);
    expect(progress.status).toBe(200);
    expect(progress.body).toEqual({
      pending: 4,
      sent: 0,
      synced: 0,
      failed: 0,
      changedMeanwhile: 1,
      unchanged: 1,
      gone: 1,
      done: false,
    });
  });

  test('when Connect is sending a row, then it counts as sent', async () => {
    const [first] = batch.entryIds;
    await t.db.query(`UPDATE salesforce._trigger_log SET state = 'PENDING' WHERE id = $1`, [first]);
    try {
      const progress = await editor.get(`${path()}.json`);

      expect(progress.body).toMatchObject({ pending: 3, sent: 1, done: false });
    } finally {
      await t.db.query(`UPDATE salesforce._trigger_log SET state = 'NEW' WHERE id = $1`, [first]);
    }
  });

  test('when Connect has sent every row, then the page counts the synced and failed, lists each failure with its message, and no longer polls', async () => {
    await emulator.processOnce();

    const page = await editor.get(path());
    const progress = await editor.get(`${path()}.json`);
    const text = pageText(page.text);

    expect(progress.body).toMatchObject({ pending: 0, sent: 0, synced: 2, failed: 2, done: true });
    expect(countsIn(page.text)).toEqual({ pending: 0, sent: 0, synced: 2, failed: 2 });
    expect(page.text).not.toContain('<script');
    expect(page.text).not.toContain('>Refresh</a>');
    expect(text).toContain(
      'INVALID_EMAIL_ADDRESS: Email: invalid email address: ivy@invalid.example',
    );
    expect(page.text).toContain(`href="/contacts/${failing.sfid}"`);
    expect(text).toContain(
      "Salesforce's duplicate rule refused this contact: it matches Tess Lovelace",
    );
    expect(page.text).toContain(`href="/contacts/${twin.sfid}"`);
    expect(page.text).toContain('Retry all failed');
  });

  test('when the batch skipped a row someone changed meanwhile, then the page lists it with a link and counts the rest', async () => {
    const page = await editor.get(path());
    const text = pageText(page.text);

    expect(text).toContain('Changed meanwhile');
    expect(page.text).toContain(`href="/contacts/${changed.sfid}"`);
    expect(text).toMatch(/Changed by someone meanwhile \(skipped, not overwritten\)\s*1/);
    expect(text).toMatch(/Already as asked\s*1/);
    expect(text).toMatch(/Gone \(deleted, or no longer yours to see\)\s*1/);
  });

  test('when the editor retries all failed, then live and archived failures are requeued, each audited with the batch, and counted pending', async () => {
    // Connect archives a failure too in time: move the refused one's entry to the archive.
    const archivedId = batch.entryIds[3] ?? 0;
    await t.db.withTransaction(async (client) => {
      await client.query(
        `INSERT INTO salesforce._trigger_log_archive
           SELECT * FROM salesforce._trigger_log WHERE id = $1`,
        [archivedId],
      );
      await client.query('DELETE FROM salesforce._trigger_log WHERE id = $1', [archivedId]);
    });
    const page = await editor.get(path());

    const retried = await editor
      .post(`${path()}/retry`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });
    const after = await editor.get(path());

    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe(path());
    expect(after.text).toContain(
      '<p class="flash" role="status">Retried 2 failed rows; syncing to Salesforce.</p>',
    );
    expect(countsIn(after.text)).toEqual({ pending: 2, sent: 0, synced: 2, failed: 0 });
    expect(after.text).not.toContain('Retry all failed');
    expect(await entriesIn(t.db, '_trigger_log', failing.id)).toMatchObject([
      { id: batch.entryIds[2], state: 'NEW' },
    ]);
    expect(await entriesIn(t.db, '_trigger_log_archive', refused.id)).toMatchObject([
      { id: archivedId, state: 'REQUEUED' },
    ]);
    const [copy] = await entriesIn(t.db, '_trigger_log', refused.id);
    const item = await t.db.query<{ trigger_log_id: string }>(
      'SELECT trigger_log_id FROM contact_card.batch_items WHERE batch_id = $1 AND position = 3',
      [batch.id],
    );
    expect(copy?.state).toBe('NEW');
    expect(Number(item.rows[0]?.trigger_log_id)).toBe(copy?.id);
    const audited = await t.db.query<{ action: string; user_id: string; sfid: string }>(
      `SELECT action, user_id, sfid FROM contact_card.audit_entries
        WHERE batch_id = $1 ORDER BY id`,
      [batch.id],
    );
    expect(audited.rows).toEqual([
      { action: 'retry', user_id: TEST_USERS.editor.id, sfid: failing.sfid },
      { action: 'retry', user_id: TEST_USERS.editor.id, sfid: refused.sfid },
    ]);
  });

  test('when the retry is sent again, then nothing more is requeued', async () => {
    const page = await editor.get(path());

    const again = await editor
      .post(`${path()}/retry`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });
    const after = await editor.get(path());

    expect(again.status).toBe(303);
    expect(after.text).toContain('Retried 0 failed rows');
    const audited = await t.db.query(
      'SELECT 1 FROM contact_card.audit_entries WHERE batch_id = $1',
      [batch.id],
    );
    expect(audited.rowCount).toBe(2);
  });

  test('when an admin opens the audit trail, then the retry entries link to the batch page, and the CSV names the batch', async () => {
    const admin = t.agentSignedInAs(TEST_USERS.admin);

    const trail = await admin.get('/audit?action=retry');
    const csv = await admin.get('/audit.csv?action=retry');

    expect(trail.text).toContain(`<a href="${path()}">Part of a bulk action</a>`);
    expect(decodeHtml(csv.text)).toContain(`,${batch.id}\r\n`);
  });

  test('when a delete batch has been sent, then its page says how many it deleted and counts them in Salesforce', async () => {
    const doomed = [
      await insertFromSalesforce(t.db, { lastname: 'Doomed' }),
      await insertFromSalesforce(t.db, { lastname: 'Doomed' }),
    ];
    const deleted = await seedBatch(t.db, {
      kind: 'delete',
      user: TEST_USERS.editor,
      items: doomed.map((contact) => ({ contact, outcome: 'written' })),
    });
    await emulator.processOnce();

    const page = await editor.get(`/sync/batches/${deleted.id}`);

    expect(pageText(page.text)).toContain('Bulk delete');
    expect(pageText(page.text)).toContain('Deleted 2 contacts.');
    expect(countsIn(page.text)).toEqual({ pending: 0, sent: 0, synced: 2, failed: 0 });
  });
});
