import { asConnect } from '../../src/dev/connectWrites';
import { installConnectEmulator } from '../../src/emulator/install';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import {
  entriesIn,
  guardFor,
  insertAsApp,
  insertFromSalesforce,
  installEmulator,
  readRow,
  updateAsApp,
} from './harness';

describe('Connect emulator install and capture', () => {
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

  test('when installed again, then it succeeds and contact still has exactly the two Connect triggers', async () => {
    await installConnectEmulator(t.db, guardFor(t.url));

    const triggers = await t.db.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger
        WHERE tgrelid = 'salesforce.contact'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.rows.map((row) => row.tgname)).toEqual([
      'hc_contact_logtrigger',
      'hc_contact_status_trigger',
    ]);
    const tables = await t.db.query<{ name: string | null }>(
      `SELECT to_regclass('salesforce._trigger_log')::text AS name
       UNION ALL SELECT to_regclass('salesforce._trigger_log_archive')::text`,
    );
    expect(tables.rows.map((row) => row.name)).toEqual([
      'salesforce._trigger_log',
      'salesforce._trigger_log_archive',
    ]);
  });

  test('when installed, then account and "user" get Connect’s triggers and functions too, named after each table', async () => {
    const triggers = await t.db.query<{ tgname: string; function: string }>(
      `SELECT tgname, tgfoid::regproc::text AS function FROM pg_trigger
        WHERE tgrelid IN ('salesforce.account'::regclass, 'salesforce."user"'::regclass)
          AND NOT tgisinternal ORDER BY tgname`,
    );

    expect(triggers.rows).toEqual([
      { tgname: 'hc_account_logtrigger', function: 'salesforce.hc_account_logger' },
      { tgname: 'hc_account_status_trigger', function: 'salesforce.hc_account_status' },
      { tgname: 'hc_user_logtrigger', function: 'salesforce.hc_user_logger' },
      { tgname: 'hc_user_status_trigger', function: 'salesforce.hc_user_status' },
    ]);
  });

  test('when the app updates a contact, then a NEW entry holds only the changed columns and the row is PENDING', async () => {
    const { id, sfid } = await insertFromSalesforce(t.db, {
      title: 'Analyst',
      email: 'before@example.com',
      _hc_err: '{"msg":"an old error"}',
    });

    await updateAsApp(t.db, id, { title: 'CTO', email: 'before@example.com' });

    const [entry, ...others] = await entriesIn(t.db, '_trigger_log', id);
    expect(others).toHaveLength(0);
    expect(entry).toMatchObject({ action: 'UPDATE', state: 'NEW', record_id: id, sfid });
    expect(entry?.changed).toEqual({ title: 'CTO' });
    expect(entry?.previous).toEqual({ title: 'Analyst' });
    const row = await readRow(t.db, id);
    expect(row?._hc_lastop).toBe('PENDING');
    expect(row?._hc_err).toBeNull();
  });

  test('when the app inserts a contact, then an INSERT entry is NEW and the row is PENDING without an sfid', async () => {
    const id = await insertAsApp(t.db, { lastname: 'Hopper', email: 'grace@example.com' });

    const entries = await entriesIn(t.db, '_trigger_log', id);
    expect(entries).toMatchObject([{ action: 'INSERT', state: 'NEW', sfid: null }]);
    expect(entries[0]?.changed).toMatchObject({ lastname: 'Hopper', email: 'grace@example.com' });
    expect(await readRow(t.db, id)).toMatchObject({ _hc_lastop: 'PENDING', sfid: null });
  });

  test('when the app deletes a contact, then a DELETE entry keeps its sfid and old values', async () => {
    const { id, sfid } = await insertFromSalesforce(t.db, { lastname: 'Gone' });

    await t.db.query('DELETE FROM salesforce.contact WHERE id = $1', [id]);

    const entries = await entriesIn(t.db, '_trigger_log', id);
    expect(entries).toMatchObject([{ action: 'DELETE', state: 'NEW', sfid }]);
    expect(entries[0]?.previous).toMatchObject({ lastname: 'Gone' });
  });

  test('when a write changes only system columns, then nothing is captured and the state stays', async () => {
    const { id } = await insertFromSalesforce(t.db);

    await t.db.query(
      `UPDATE salesforce.contact SET systemmodstamp = now(), _hc_lastop = 'UPDATED' WHERE id = $1`,
      [id],
    );

    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
    expect((await readRow(t.db, id))?._hc_lastop).toBe('UPDATED');
  });

  test('when Connect itself writes, then nothing is captured and the row is not marked PENDING', async () => {
    const { id } = await insertFromSalesforce(t.db);

    await asConnect(t.db, (client) =>
      client.query(`UPDATE salesforce.contact SET title = 'From Salesforce' WHERE id = $1`, [id]),
    );
    await updateAsApp(t.db, id, { title: 'From Salesforce' });

    expect(await entriesIn(t.db, '_trigger_log', id)).toHaveLength(0);
    expect(await readRow(t.db, id)).toMatchObject({
      title: 'From Salesforce',
      _hc_lastop: 'SYNCED',
    });
  });

  test('when a connection Connect wrote on is reused by the app, then the app write is captured', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await t.db.withClient(async (client) => {
      await client.query('BEGIN');
      await client.query("SELECT set_config('contact_card.connect_writer', 'on', true)");
      await client.query(`UPDATE salesforce.contact SET title = 'Quiet' WHERE id = $1`, [id]);
      await client.query('COMMIT');

      await client.query(`UPDATE salesforce.contact SET title = 'Loud' WHERE id = $1`, [id]);
    });

    const entries = await entriesIn(t.db, '_trigger_log', id);
    expect(entries.map((entry) => entry.changed)).toEqual([{ title: 'Loud' }]);
  });
});
