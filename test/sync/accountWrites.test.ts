import type TestAgent from 'supertest/lib/agent';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { installEmulator } from '../emulator/harness';
import { decodeHtml, readAsText } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { csrfTokenIn, startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

interface Row {
  sfid: string | null;
  _hc_lastop: string | null;
  accountid?: string | null;
}

/** A contact and a new account created together through the pages, with the emulator as Connect. */
describe('a contact created at a new account, through Connect', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    agent = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  const createAt = async (lastname: string, account: string) => {
    const form = hiddenFieldsIn((await agent.get('/contacts/new')).text, '/contacts');
    const res = await agent
      .post('/contacts')
      .type('form')
      .send({ ...form, lastname, account, account_choice: 'new' });
    expect(res.status).toBe(303);
    return res.headers.location ?? '';
  };
  const accountNamed = async (name: string) =>
    (
      await t.db.query<Row>('SELECT sfid, _hc_lastop FROM salesforce.account WHERE name = $1', [
        name,
      ])
    ).rows[0];
  const contactNamed = async (lastname: string) =>
    (
      await t.db.query<Row>(
        'SELECT sfid, _hc_lastop, accountid FROM salesforce.contact WHERE lastname = $1',
        [lastname],
      )
    ).rows[0];

  test('when both are sent, then both go from PENDING to INSERTED and the card links the account by its sfid', async () => {
    const pendingCard = await createAt('Pioneer', 'Frontier Ventures');
    expect(await accountNamed('Frontier Ventures')).toMatchObject({ _hc_lastop: 'PENDING' });
    expect(await contactNamed('Pioneer')).toMatchObject({ _hc_lastop: 'PENDING' });

    await emulator.processOnce();

    const account = await accountNamed('Frontier Ventures');
    expect(account).toMatchObject({ _hc_lastop: 'INSERTED' });
    expect(account?.sfid).toMatch(/^001/);
    expect(await contactNamed('Pioneer')).toMatchObject({
      _hc_lastop: 'INSERTED',
      accountid: account?.sfid,
    });
    const moved = await agent.get(pendingCard);
    const card = await agent.get(moved.headers.location ?? '');
    expect(readAsText(card.text)).toContain(
      `<a href="/accounts/${account?.sfid ?? ''}">Frontier Ventures</a>`,
    );
    expect(card.text).not.toContain('(waiting for Salesforce)');
  });

  test('when Salesforce rejects the new account, then both writes are listed as failed, and retrying the account and then the contact gets both through', async () => {
    await createAt('Orphan', 'DUPLICATE Holdings');
    await emulator.processOnce();
    expect(await accountNamed('DUPLICATE Holdings')).toMatchObject({ _hc_lastop: 'FAILED' });
    expect(await contactNamed('Orphan')).toMatchObject({ _hc_lastop: 'FAILED' });

    const failed = await agent.get('/sync/failed');
    const text = decodeHtml(readAsText(failed.text));
    expect(text).toContain('DUPLICATES_DETECTED');
    expect(text).toContain('Foreign key external ID');
    expect(text).toContain('DUPLICATE Holdings');

    await t.db.query(
      "UPDATE salesforce.account SET name = 'Holdings Renamed' WHERE name = 'DUPLICATE Holdings'",
    );
    for (const table of ['account', 'contact']) {
      const entry = await t.db.query<{ id: number }>(
        `SELECT id FROM salesforce._trigger_log WHERE state = 'FAILED' AND table_name = $1
          ORDER BY id LIMIT 1`,
        [table],
      );
      const retried = await agent
        .post('/sync/retry')
        .type('form')
        .send({ _csrf: csrfTokenIn(failed.text), source: 'live', id: entry.rows[0]?.id });
      expect(retried.status).toBe(303);
      await emulator.processOnce();
    }

    const account = await accountNamed('Holdings Renamed');
    expect(account?.sfid).toMatch(/^001/);
    expect((await contactNamed('Orphan'))?.accountid).toBe(account?.sfid);
    const after = await agent.get('/sync/failed');
    expect(after.text).not.toContain('Foreign key external ID');
  });

  test('when a failed write of an object the app does not show is retried, then it answers 404 and the entry stays FAILED', async () => {
    const inserted = await t.db.query<{ id: number }>(
      `INSERT INTO salesforce._trigger_log (txid, state, action, table_name, record_id, sf_message)
       VALUES (1, 'FAILED', 'UPDATE', 'opportunity', 1, 'not ours') RETURNING id`,
    );
    const id = inserted.rows[0]?.id;
    const page = await agent.get('/sync/failed');

    const res = await agent
      .post('/sync/retry')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), source: 'live', id });

    expect(res.status).toBe(404);
    expect(page.text).not.toContain('not ours');
    const entry = await t.db.query('SELECT state FROM salesforce._trigger_log WHERE id = $1', [id]);
    expect(entry.rows[0]).toEqual({ state: 'FAILED' });
  });
});
