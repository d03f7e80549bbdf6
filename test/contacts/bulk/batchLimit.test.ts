import { asConnect } from '../../../src/dev/connectWrites';
import { BATCH_LIMIT } from '../../../src/records/batches';
import { decodeHtml } from '../../support/contacts';
import { TEST_USERS, type TestApp } from '../../support/testApp';
import { batchIdIn, chooseFromList, startBulkTestApp, submitMassEdit } from './bulkSupport';

describe('the limit of contacts one bulk action takes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startBulkTestApp();
    // As Connect writes them, so its trigger logs none of them.
    await asConnect(t.db, (client) =>
      client.query(
        `INSERT INTO salesforce.contact (sfid, firstname, lastname, _hc_lastop)
         SELECT '003LIMIT' || lpad(n::text, 10, '0'), 'Many', 'Limitfamily', 'SYNCED'
           FROM generate_series(1, $1::int) AS n`,
        [BATCH_LIMIT + 1],
      ),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when more contacts match than a batch takes, then the list asks to narrow it instead of offering all', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);

    const list = await editor.get('/contacts');

    const text = decodeHtml(list.text);
    expect(text).not.toContain('Select all');
    expect(text).toContain(
      'More than 10,000 contacts match. To edit or delete all that match at once, narrow the list to at most 10,000 with a search or a filter.',
    );
  });

  test('when all that match are asked for anyway, then a page says so and no batch is kept', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);

    const res = await chooseFromList(editor, '/contacts', { all: 'edit' });

    expect(res.status).toBe(422);
    expect(decodeHtml(res.text)).toContain(
      'More than 10,000 contacts match the list, and one bulk action works on at most 10,000.',
    );
    const batches = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contact_card.batches',
    );
    expect(batches.rows[0]?.n).toBe(0);
  });

  test('when exactly the limit match, then all of them are chosen, and a mass edit writes every one in one go', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    await asConnect(t.db, (client) =>
      client.query(
        `UPDATE salesforce.contact SET _hc_lastop = 'FAILED' WHERE sfid <> '003LIMIT0000000001'`,
      ),
    );

    const list = await editor.get('/contacts?sync=failed');
    expect(decodeHtml(list.text)).toContain('<legend>Select all 10,000 that match</legend>');
    const res = await chooseFromList(editor, '/contacts?sync=failed', { all: 'edit' });

    expect(res.status).toBe(303);
    const id = batchIdIn(res.headers.location);
    const started = performance.now();
    const applied = await submitMassEdit(editor, id, ['title'], { title: 'Bulk title' });
    const seconds = (performance.now() - started) / 1000;

    expect(applied.status).toBe(303);
    const outcomes = await t.db.query<{ outcome: string; n: number; logged: number }>(
      `SELECT outcome, count(*)::int AS n, count(trigger_log_id)::int AS logged
         FROM contact_card.batch_items WHERE batch_id = $1 GROUP BY outcome`,
      [id],
    );
    expect(outcomes.rows).toEqual([{ outcome: 'written', n: BATCH_LIMIT, logged: BATCH_LIMIT }]);
    const audit = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contact_card.audit_entries WHERE batch_id = $1',
      [id],
    );
    expect(audit.rows[0]?.n).toBe(BATCH_LIMIT);
    // Well within a request's time, however busy the test machine is.
    expect(seconds).toBeLessThan(20);
  });
});
