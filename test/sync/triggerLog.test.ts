import type { ConnectEmulator } from '../../src/emulator/processor';
import { readMapping } from '../../src/connect/mapping';
import { failedWrites } from '../../src/sync/failedWrites';
import { triggerLogPresent } from '../../src/connect/triggerLog';
import {
  insertAsApp,
  insertFromSalesforce,
  installEmulator,
  SCHEMA,
  updateAsApp,
} from '../emulator/harness';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { historyOf } from './historyOf';

describe('reading the trigger log', () => {
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

  test('when the trigger-log tables exist, then the trigger log is available', async () => {
    expect(await triggerLogPresent(t.db, SCHEMA)).toBe(true);
  });

  test('when the trigger-log tables do not exist, then the trigger log is not available', async () => {
    const withoutLog = await createTestDatabase();
    try {
      expect(await triggerLogPresent(withoutLog.db, SCHEMA)).toBe(false);
    } finally {
      await withoutLog.close();
    }
  });

  test('when a contact has archived and live entries, then its history lists both, newest first, with the failure message', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { title: 'CTO' });
    await emulator.processOnce();
    await updateAsApp(t.db, id, { email: 'ada@invalid.example' });
    await emulator.processOnce();
    await updateAsApp(t.db, id, { title: 'CEO' });

    const history = await historyOf(t.db, SCHEMA, id);

    expect(history).toMatchObject([
      { source: 'live', action: 'UPDATE', state: 'NEW', message: null },
      {
        source: 'live',
        action: 'UPDATE',
        state: 'FAILED',
        message: 'INVALID_EMAIL_ADDRESS: Email: invalid email address: ada@invalid.example',
      },
      { source: 'archive', action: 'UPDATE', state: 'SUCCESS', message: null },
    ]);
    expect(history[2]?.processedAt).toBeInstanceOf(Date);
    expect(history[0]?.createdAt).toBeInstanceOf(Date);
    await updateAsApp(t.db, id, { email: 'ada@example.com' });
    await emulator.processOnce();
  });

  test('when another contact has writes, then they are not in this contact’s history', async () => {
    const { id } = await insertFromSalesforce(t.db);
    const other = await insertAsApp(t.db, { lastname: 'Other' });

    const history = await historyOf(t.db, SCHEMA, id);

    expect(history).toEqual([]);
    expect(await historyOf(t.db, SCHEMA, other)).toHaveLength(1);
    await emulator.processOnce();
  });

  test('when writes failed, then the failed list has live and unrequeued archived failures with the contact to link to', async () => {
    const failing = await insertFromSalesforce(t.db, { firstname: 'Bad', lastname: 'Email' });
    await updateAsApp(t.db, failing.id, { email: 'bad@invalid.example' });
    await emulator.processOnce();
    const archivedFailure = await insertFromSalesforce(t.db, { firstname: 'Old', lastname: 'One' });
    await t.db.query(
      `INSERT INTO salesforce._trigger_log_archive (id, txid, state, action, table_name, record_id, sfid, sf_message)
       VALUES (900001, 1, 'FAILED', 'UPDATE', 'contact', $1, $2, 'FIELD_CUSTOM_VALIDATION_EXCEPTION: no'),
              (900002, 1, 'REQUEUED', 'UPDATE', 'contact', $1, $2, 'already retried'),
              (900003, 1, 'FAILED', 'UPDATE', 'opportunity', $1, NULL, 'another table'),
              (900004, 1, 'FAILED', 'UPDATE', 'account', $1, NULL, 'an account')`,
      [archivedFailure.id, archivedFailure.sfid],
    );

    const failed = await failedWrites(t.db, await readMapping(t.db, SCHEMA), 50, null);

    const bySource = failed.map((write) => [write.source, write.recordId, write.message]);
    expect(bySource).toEqual(
      expect.arrayContaining([
        [
          'live',
          failing.id,
          'INVALID_EMAIL_ADDRESS: Email: invalid email address: bad@invalid.example',
        ],
        ['archive', archivedFailure.id, 'FIELD_CUSTOM_VALIDATION_EXCEPTION: no'],
        ['archive', archivedFailure.id, 'an account'],
      ]),
    );
    expect(failed.find((write) => write.message === 'an account')?.object).toBe('account');
    expect(failed.map((write) => write.message)).not.toContain('already retried');
    expect(failed.map((write) => write.message)).not.toContain('another table');
    expect(failed.find((write) => write.recordId === failing.id)?.record).toMatchObject({
      sfid: failing.sfid,
      firstname: 'Bad',
      lastname: 'Email',
      lastOp: 'FAILED',
    });
  });

  test('when a failed write’s contact was deleted, then it is still listed, without a contact', async () => {
    const id = await insertAsApp(t.db, { lastname: 'Doomed', email: 'd@invalid.example' });
    await emulator.processOnce();
    await t.db.query('DELETE FROM salesforce.contact WHERE id = $1', [id]);

    const failed = await failedWrites(t.db, await readMapping(t.db, SCHEMA), 50, null);

    expect(failed.find((write) => write.recordId === id)).toMatchObject({
      action: 'INSERT',
      record: null,
    });
  });
});
