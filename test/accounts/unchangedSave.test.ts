import type TestAgent from 'supertest/lib/agent';
import { ACCOUNT_OBJECT } from '../../src/connect/mappedObject';
import { asConnect } from '../../src/dev/connectWrites';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { flashOn, readAccountRow } from '../support/accounts';
import { editFormValues } from '../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { entriesIn, installEmulator } from '../emulator/harness';

/**
 * Connect's own trigger marks a row PENDING on any UPDATE by the app, even one that changes
 * nothing, and logs it: so a save that changes nothing must not UPDATE at all.
 */
describe('saving an account under Connect’s triggers', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    // Only a test could send: the emulator's timer must not change rows between checks.
    await emulator.stop();
    editor = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  /** An account that came from Salesforce: written as Connect, so nothing is captured. */
  const syncedAccount = async (sfid: string, name: string) => {
    const result = await asConnect(t.db, (client) =>
      client.query<{ id: number }>(
        `INSERT INTO salesforce.account (sfid, name, website, description, _hc_lastop, systemmodstamp)
         VALUES ($1, $2, 'synced.example', E'Line one\\r\\nLine two', 'SYNCED', now()) RETURNING id`,
        [sfid, name],
      ),
    );
    return (result.rows[0] as { id: number }).id;
  };

  test('when an editor saves without changing anything, then nothing is written and the row does not become PENDING', async () => {
    const id = await syncedAccount('001SAME0000000001A', 'Same Co');
    const page = await editor.get('/accounts/001SAME0000000001A');

    const res = await editor
      .post('/accounts/001SAME0000000001A')
      .type('form')
      .send(editFormValues(page.text));

    expect(res.status).toBe(303);
    expect((await readAccountRow(t.db, '001SAME0000000001A'))?._hc_lastop).toBe('SYNCED');
    expect(await entriesIn(t.db, '_trigger_log', id, ACCOUNT_OBJECT)).toEqual([]);
    const next = await editor.get('/accounts/001SAME0000000001A');
    expect(flashOn(next.text)).toBe('Nothing changed, so nothing was sent to Salesforce.');
  });

  test('when an editor changes one field, then Connect logs only that field and the untouched ones are not written', async () => {
    const id = await syncedAccount('001SAME0000000002A', 'One Field Co');
    const page = await editor.get('/accounts/001SAME0000000002A');

    const res = await editor
      .post('/accounts/001SAME0000000002A')
      .type('form')
      .send({ ...editFormValues(page.text), industry: 'Aerospace' });

    expect(res.status).toBe(303);
    const entries = await entriesIn(t.db, '_trigger_log', id, ACCOUNT_OBJECT);
    expect(entries.map((entry) => [entry.action, entry.changed])).toEqual([
      ['UPDATE', { industry: 'Aerospace' }],
    ]);
    expect((await readAccountRow(t.db, '001SAME0000000002A'))?._hc_lastop).toBe('PENDING');
  });
});
