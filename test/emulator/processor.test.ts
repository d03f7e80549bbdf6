import { auditLog } from '../../src/audit/auditLog';
import { readMapping } from '../../src/connect/mapping';
import { startConnectEmulator, type ConnectEmulator } from '../../src/emulator/processor';
import { createLogger } from '../../src/logger';
import { retryWrite } from '../../src/sync/retryWrite';
import { TEST_USERS } from '../support/testApp';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import {
  entriesIn,
  insertAsApp,
  insertFromSalesforce,
  installEmulator,
  readRow,
  SCHEMA,
  updateAsApp,
} from './harness';

describe('Connect emulator processor', () => {
  let t: TestDatabase;
  let emulator: ConnectEmulator;
  beforeAll(async () => {
    t = await createTestDatabase();
    emulator = await installEmulator(t.db, t.url);
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  test('when an app insert is sent, then the row is INSERTED with a new 18-character 003 sfid and the entry is archived as SUCCESS', async () => {
    const id = await insertAsApp(t.db, { firstname: 'Grace', lastname: 'Hopper' });

    const sent = await emulator.processOnce();

    expect(sent).toBeGreaterThanOrEqual(1);
    const row = await readRow(t.db, id);
    expect(row?._hc_lastop).toBe('INSERTED');
    expect(row?.sfid).toMatch(/^003[A-Za-z0-9]{15}$/);
    expect(row?.name).toBe('Grace Hopper');
    expect(row?.createddate).toBeInstanceOf(Date);
    expect(row?.systemmodstamp).toBeInstanceOf(Date);
    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
    const archived = await entriesIn(t.db, '_trigger_log_archive', id);
    expect(archived).toMatchObject([{ action: 'INSERT', state: 'SUCCESS', sfid: row?.sfid }]);
    expect(archived[0]?.processed_at).toBeInstanceOf(Date);
  });

  test('when an app update is sent, then the row is UPDATED and systemmodstamp moves on', async () => {
    const { id } = await insertFromSalesforce(t.db);
    const before = await readRow(t.db, id);
    await updateAsApp(t.db, id, { title: 'CTO' });

    await emulator.processOnce();

    const row = await readRow(t.db, id);
    expect(row?._hc_lastop).toBe('UPDATED');
    expect(row?.sfid).toBe(before?.sfid);
    expect(row?.systemmodstamp?.getTime()).toBeGreaterThan(before?.systemmodstamp?.getTime() ?? 0);
    expect(await entriesIn(t.db, '_trigger_log_archive', id)).toMatchObject([
      { action: 'UPDATE', state: 'SUCCESS' },
    ]);
  });

  test('when an app delete is sent, then its entry is archived as SUCCESS', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await t.db.query('DELETE FROM salesforce.contact WHERE id = $1', [id]);

    await emulator.processOnce();

    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
    expect(await entriesIn(t.db, '_trigger_log_archive', id)).toMatchObject([
      { action: 'DELETE', state: 'SUCCESS' },
    ]);
  });

  test('when a write is younger than the delay, then it is not sent yet', async () => {
    const patient = startConnectEmulator(t.db, {
      schema: SCHEMA,
      delayMs: 600_000,
      intervalMs: 60_000,
      logger: createLogger('silent'),
    });
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { title: 'Later' });

    const sent = await patient.processOnce();
    await patient.stop();

    expect(sent).toBe(0);
    expect((await readRow(t.db, id))?._hc_lastop).toBe('PENDING');
    await emulator.processOnce();
  });

  test('when the email is at invalid.example, then the write FAILS like Salesforce and the entry stays in the live log', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { email: 'x@invalid.example' });

    await emulator.processOnce();

    const message = 'INVALID_EMAIL_ADDRESS: Email: invalid email address: x@invalid.example';
    const row = await readRow(t.db, id);
    expect(row?._hc_lastop).toBe('FAILED');
    expect(JSON.parse(row?._hc_err ?? 'null')).toEqual({ op: 'UPDATE', src: 'SFDC', msg: message });
    expect(await entriesIn(t.db, '_trigger_log', id)).toMatchObject([
      { action: 'UPDATE', state: 'FAILED', sf_message: message },
    ]);
    expect(await entriesIn(t.db, '_trigger_log_archive', id)).toHaveLength(0);
  });

  test('when a failed email is fixed and the failed entry retried, then both writes succeed and the row is UPDATED', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { email: 'y@invalid.example' });
    await emulator.processOnce();
    const [failed] = await entriesIn(t.db, '_trigger_log', id);

    await updateAsApp(t.db, id, { email: 'y@example.com' });
    await emulator.processOnce();
    const outcome = await retryWrite(
      auditLog(t.db),
      { user: TEST_USERS.editor, requestId: 'emulator-test' },
      await readMapping(t.db, SCHEMA),
      { source: 'live', id: failed?.id ?? 0 },
      null,
    );
    await emulator.processOnce();

    expect(outcome).toBe('requeued');
    const row = await readRow(t.db, id);
    expect(row).toMatchObject({ _hc_lastop: 'UPDATED', _hc_err: null, email: 'y@example.com' });
    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
    const archived = await entriesIn(t.db, '_trigger_log_archive', id);
    expect(archived.map((entry) => [entry.id, entry.state, entry.sf_message])).toEqual([
      [failed?.id, 'SUCCESS', null],
      [expect.any(Number), 'SUCCESS', null],
    ]);
  });

  test('when a new contact has a last name with DUPLICATE, then the insert fails with DUPLICATES_DETECTED and gets no sfid', async () => {
    const id = await insertAsApp(t.db, { lastname: 'DUPLICATE Smith' });

    await emulator.processOnce();

    const row = await readRow(t.db, id);
    expect(row).toMatchObject({ _hc_lastop: 'FAILED', sfid: null });
    expect(JSON.parse(row?._hc_err ?? 'null')).toMatchObject({ op: 'INSERT', src: 'SFDC' });
    expect(row?._hc_err).toContain('DUPLICATES_DETECTED');
  });

  test('when a first name is 21 emoji, which Postgres takes as 21 but Salesforce counts as 42, then the write fails with STRING_TOO_LONG', async () => {
    const firstname = '😀'.repeat(21);
    const id = await insertAsApp(t.db, { firstname, lastname: 'Emoji' });

    await emulator.processOnce();

    const row = await readRow(t.db, id);
    expect(row).toMatchObject({ _hc_lastop: 'FAILED', sfid: null });
    expect(JSON.parse(row?._hc_err ?? 'null')).toMatchObject({
      op: 'INSERT',
      msg: `STRING_TOO_LONG: First name: data value too large: ${firstname} (max length=40)`,
    });
  });

  test('when a first name is 20 emoji, 40 as Salesforce counts, then the write succeeds', async () => {
    const id = await insertAsApp(t.db, { firstname: '😀'.repeat(20), lastname: 'Emoji' });

    await emulator.processOnce();

    expect(await readRow(t.db, id)).toMatchObject({ _hc_lastop: 'INSERTED', _hc_err: null });
  });

  test('when the emulator runs on its timer, then it sends writes without being asked and stop() ends it', async () => {
    const running = startConnectEmulator(t.db, {
      schema: SCHEMA,
      delayMs: 0,
      intervalMs: 20,
      logger: createLogger('silent'),
    });
    const id = await insertAsApp(t.db, { lastname: 'Timed' });

    let state: string | null | undefined;
    for (let attempt = 0; attempt < 100 && state !== 'INSERTED'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await readRow(t.db, id))?._hc_lastop;
    }
    await running.stop();

    expect(state).toBe('INSERTED');
  });
});
