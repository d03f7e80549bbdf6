import type { ConnectEmulator } from '../../src/emulator/processor';
import { changeFromSalesforce, UnknownFieldError } from '../../src/emulator/salesforceChange';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import {
  entriesIn,
  insertFromSalesforce,
  installEmulator,
  readRow,
  SCHEMA,
  updateAsApp,
} from './harness';

describe('a change made in Salesforce', () => {
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

  test('when Salesforce changes a contact, then its fields change, it is SYNCED, systemmodstamp moves on and nothing is captured', async () => {
    const { id, sfid } = await insertFromSalesforce(t.db, { firstname: 'Ada', lastname: 'Byron' });
    const before = await readRow(t.db, id);

    const found = await changeFromSalesforce(t.db, SCHEMA, sfid, {
      title: 'CTO',
      lastname: 'Lovelace',
    });

    expect(found).toBe(true);
    const row = await readRow(t.db, id);
    expect(row).toMatchObject({ title: 'CTO', name: 'Ada Lovelace', _hc_lastop: 'SYNCED' });
    expect(row?.systemmodstamp?.getTime()).toBeGreaterThan(before?.systemmodstamp?.getTime() ?? 0);
    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
  });

  test('when Salesforce changes a contact with a pending app write, then it ends SYNCED and the app write still waits', async () => {
    const { id, sfid } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { title: 'From the app' });

    await changeFromSalesforce(t.db, SCHEMA, sfid, { title: 'From Salesforce', phone: null });

    expect(await readRow(t.db, id)).toMatchObject({
      title: 'From Salesforce',
      _hc_lastop: 'SYNCED',
    });
    expect(await entriesIn(t.db, '_trigger_log', id)).toMatchObject([{ state: 'NEW' }]);
    await emulator.processOnce();
  });

  test('when no contact has the sfid, then nothing changes and it says so', async () => {
    expect(await changeFromSalesforce(t.db, SCHEMA, '003NOSUCHCONTACTAA', { title: 'x' })).toBe(
      false,
    );
  });

  test('when a field is unknown or owned by Connect, then it refuses and names the field', async () => {
    const { sfid } = await insertFromSalesforce(t.db);

    await expect(changeFromSalesforce(t.db, SCHEMA, sfid, { favourite: 'x' })).rejects.toThrow(
      UnknownFieldError,
    );
    await expect(changeFromSalesforce(t.db, SCHEMA, sfid, { _hc_lastop: 'x' })).rejects.toThrow(
      /_hc_lastop/,
    );
  });
});
