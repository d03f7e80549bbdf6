import { auditLog } from '../../src/audit/auditLog';
import type { TriggerLogSource } from '../../src/connect/triggerLog';
import { readMapping } from '../../src/connect/mapping';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { retryWrite, type RetryOutcome } from '../../src/sync/retryWrite';
import {
  entriesIn,
  insertFromSalesforce,
  installEmulator,
  readRow,
  SCHEMA,
  updateAsApp,
} from '../emulator/harness';
import { TEST_USERS } from '../support/testApp';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('retrying a failed write', () => {
  let t: TestDatabase;
  let emulator: ConnectEmulator;
  let retry: (source: TriggerLogSource, id: number) => Promise<RetryOutcome>;
  beforeAll(async () => {
    t = await createTestDatabase();
    emulator = await installEmulator(t.db, t.url);
    const audit = auditLog(t.db);
    const mapping = await readMapping(t.db, SCHEMA);
    const actor = { user: TEST_USERS.editor, requestId: 'retry-test' };
    retry = (source, id) => retryWrite(audit, actor, mapping, { source, id }, null);
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  async function failedLiveEntry(): Promise<{ recordId: number; entryId: number }> {
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { email: `retry${id}@invalid.example` });
    await emulator.processOnce();
    const [entry] = await entriesIn(t.db, '_trigger_log', id);
    if (entry?.state !== 'FAILED') throw new Error('the write should have failed');
    return { recordId: id, entryId: entry.id };
  }

  test('when a failed live entry is retried twice, then it is NEW once and the second retry changes nothing', async () => {
    const { recordId, entryId } = await failedLiveEntry();

    const first = await retry('live', entryId);
    const second = await retry('live', entryId);

    expect([first, second]).toEqual(['requeued', 'not_failed']);
    expect(await entriesIn(t.db, '_trigger_log', recordId)).toMatchObject([
      { id: entryId, state: 'NEW' },
    ]);
    await updateAsApp(t.db, recordId, { email: 'fixed@example.com' });
    await emulator.processOnce();
  });

  test('when two retries of one entry arrive at once, then exactly one is queued', async () => {
    const { recordId, entryId } = await failedLiveEntry();

    const outcomes = await Promise.all([retry('live', entryId), retry('live', entryId)]);

    expect(outcomes.sort()).toEqual(['not_failed', 'requeued']);
    expect(await entriesIn(t.db, '_trigger_log', recordId)).toHaveLength(1);
    await updateAsApp(t.db, recordId, { email: 'fixed@example.com' });
    await emulator.processOnce();
  });

  test('when an archived failure is retried, then a NEW copy enters the live log and the archived one is REQUEUED, once', async () => {
    const { id, sfid } = await insertFromSalesforce(t.db, { title: 'Archived' });
    await t.db.query(
      `INSERT INTO salesforce._trigger_log_archive
         (id, txid, state, action, table_name, record_id, sfid, "values", old, sf_message)
       VALUES (800001, 7, 'FAILED', 'UPDATE', 'contact', $1, $2, '"title"=>"Archived"', '"title"=>"Before"', 'UNABLE_TO_LOCK_ROW')`,
      [id, sfid],
    );

    const first = await retry('archive', 800001);
    const second = await retry('archive', 800001);

    expect([first, second]).toEqual(['requeued', 'not_failed']);
    const live = await entriesIn(t.db, '_trigger_log', id);
    expect(live).toMatchObject([{ state: 'NEW', action: 'UPDATE', sfid, sf_message: null }]);
    expect(live[0]?.changed).toEqual({ title: 'Archived' });
    expect(await entriesIn(t.db, '_trigger_log_archive', id)).toMatchObject([
      { id: 800001, state: 'REQUEUED' },
    ]);

    await emulator.processOnce();

    expect((await readRow(t.db, id))?._hc_lastop).toBe('UPDATED');
  });

  test('when the entry did not fail or does not exist, then nothing is queued', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { title: 'Fine' });
    await emulator.processOnce();
    const [archived] = await entriesIn(t.db, '_trigger_log_archive', id);

    expect(await retry('archive', archived?.id ?? 0)).toBe('not_failed');
    expect(await retry('live', 2_000_000_000)).toBe('not_found');
    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
  });
});
