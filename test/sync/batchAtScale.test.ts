import { randomUUID } from 'node:crypto';
import { asConnect } from '../../src/dev/connectWrites';
import { installEmulator } from '../emulator/harness';
import { csrfTokenIn, startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { countsIn, pageText } from './batchPageText';

const ROWS = 10_000;

/** A batch as large as one may be: the page counts every row and lists only the first failures. */
describe('the batch page of 10,000 rows', () => {
  let t: TestApp;
  const id = randomUUID();
  beforeAll(async () => {
    t = await startTestApp();
    // Connect's log and triggers, not its sender: the test moves each entry where it wants it.
    const emulator = await installEmulator(t.db, t.url);
    await emulator.stop();
    await asConnect(t.db, (client) =>
      client.query(
        `INSERT INTO salesforce.contact (sfid, firstname, lastname, _hc_lastop)
         SELECT '003SCALE' || lpad(n::text, 10, '0'), 'Row', 'Scale ' || lpad(n::text, 5, '0'),
                'SYNCED'
           FROM generate_series(1, $1::int) AS n`,
        [ROWS],
      ),
    );
    // Applied as one mass edit: one UPDATE, each row's entry found by txid and record id.
    await t.db.withTransaction(async (client) => {
      await client.query(`UPDATE salesforce.contact SET title = 'Scaled'`);
      await client.query(
        `INSERT INTO contact_card.batches (id, kind, user_id, username, user_name, applied_at, changes)
         VALUES ($1, 'edit', $2, $3, $4, now(), '[{"field":"title","label":"Title","to":"Scaled"}]')`,
        [id, TEST_USERS.editor.id, TEST_USERS.editor.username, TEST_USERS.editor.name],
      );
      await client.query(
        `INSERT INTO contact_card.batch_items
           (batch_id, position, contact_row_id, contact_key, snapshot, outcome, trigger_log_id)
         SELECT $1, row_number() OVER (ORDER BY c.id), c.id, c.sfid,
                jsonb_build_object('firstname', c.firstname, 'lastname', c.lastname), 'written', l.id
           FROM salesforce.contact c
           JOIN salesforce._trigger_log l ON l.record_id = c.id AND l.txid = txid_current()`,
        [id],
      );
    });
    // Salesforce refused the second half; the first half reached it.
    await t.db.query(
      `UPDATE salesforce._trigger_log SET state = 'FAILED', sf_message = 'UNABLE_TO_LOCK_ROW'
        WHERE id IN (SELECT trigger_log_id FROM contact_card.batch_items
                      WHERE batch_id = $1 AND position > $2)`,
      [id, ROWS / 2],
    );
    // Connect has archived the successes and the last 2,500 failures, each under its own id.
    await t.db.withTransaction(async (client) => {
      await client.query(
        `UPDATE salesforce._trigger_log SET state = 'SUCCESS' WHERE state = 'NEW'`,
      );
      await client.query(
        `INSERT INTO salesforce._trigger_log_archive
           SELECT * FROM salesforce._trigger_log
            WHERE state = 'SUCCESS' OR id IN (SELECT trigger_log_id FROM contact_card.batch_items
                                               WHERE batch_id = $1 AND position > $2)`,
        [id, ROWS * 0.75],
      );
      await client.query(
        `DELETE FROM salesforce._trigger_log
          WHERE id IN (SELECT id FROM salesforce._trigger_log_archive)`,
      );
    });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when half of them failed, then it counts all of them and lists the first 100 failures with how many more', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);

    const page = await editor.get(`/sync/batches/${id}`);
    const text = pageText(page.text);

    expect(page.status).toBe(200);
    expect(text).toContain('Set Title to “Scaled” on 10,000 contacts.');
    expect(countsIn(page.text)).toEqual({ pending: 0, sent: 0, synced: 5000, failed: 5000 });
    expect(page.text.match(/UNABLE_TO_LOCK_ROW/g)).toHaveLength(100);
    expect(text).toContain('Scale 05001');
    expect(text).not.toContain('Scale 05101');
    expect(text).toContain('and 4,900 more.');
  });

  test('when all 5,000 failures are retried, then every one is requeued and audited in one go', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const page = await editor.get(`/sync/batches/${id}`);

    const retried = await editor
      .post(`/sync/batches/${id}/retry`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });
    const after = await editor.get(`/sync/batches/${id}`);

    expect(retried.status).toBe(303);
    expect(after.text).toContain('Retried 5,000 failed rows');
    expect(countsIn(after.text)).toEqual({ pending: 5000, sent: 0, synced: 5000, failed: 0 });
    const audited = await t.db.query(
      `SELECT 1 FROM contact_card.audit_entries WHERE batch_id = $1 AND action = 'retry'`,
      [id],
    );
    expect(audited.rowCount).toBe(5000);
    const followed = await t.db.query(
      `SELECT 1 FROM contact_card.batch_items i
         JOIN salesforce._trigger_log l ON l.id = i.trigger_log_id AND l.state = 'NEW'
        WHERE i.batch_id = $1 AND i.position > $2`,
      [id, ROWS / 2],
    );
    expect(followed.rowCount).toBe(5000);
  });
});
