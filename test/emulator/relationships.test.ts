import { auditLog } from '../../src/audit/auditLog';
import { readMapping } from '../../src/connect/mapping';
import {
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  objectTable,
  USER_OBJECT,
  type MappedObject,
} from '../../src/connect/mappedObject';
import { asConnect } from '../../src/dev/connectWrites';
import { startConnectEmulator, type ConnectEmulator } from '../../src/emulator/processor';
import { createLogger } from '../../src/logger';
import { retryWrite } from '../../src/sync/retryWrite';
import { TEST_USERS } from '../support/testApp';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { entriesIn, insertAsApp, installEmulator, SCHEMA, updateAsApp } from './harness';

interface LinkedRow {
  sfid: string | null;
  name: string | null;
  accountid: string | null;
  _hc_lastop: string | null;
  _hc_err: string | null;
}

const ACTIVE_OWNER = '005000000000001AAA';
const INACTIVE_OWNER = '005000000000009AAA';

describe('accounts, owners and relationship External IDs in the Connect emulator', () => {
  let t: TestDatabase;
  let emulator: ConnectEmulator;
  beforeAll(async () => {
    t = await createTestDatabase();
    emulator = await installEmulator(t.db, t.url);
    await asConnect(t.db, (client) =>
      client.query(
        `INSERT INTO ${objectTable(USER_OBJECT, SCHEMA)} (sfid, name, isactive, _hc_lastop)
         VALUES ($1, 'Ada Admin', true, 'SYNCED'), ($2, 'Ian Inactive', false, 'SYNCED')`,
        [ACTIVE_OWNER, INACTIVE_OWNER],
      ),
    );
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  const read = async (object: MappedObject, id: number) => {
    const columns = object === CONTACT_OBJECT ? 'accountid' : 'NULL::varchar AS accountid';
    const result = await t.db.query<LinkedRow>(
      `SELECT sfid, name, ${columns}, _hc_lastop, _hc_err FROM ${objectTable(object, SCHEMA)}
        WHERE id = $1`,
      [id],
    );
    return result.rows[0];
  };

  const retry = async (object: MappedObject, id: number) => {
    const [failed] = await entriesIn(t.db, '_trigger_log', id, object);
    return retryWrite(
      auditLog(t.db),
      { user: TEST_USERS.editor, requestId: 'relationships-test' },
      await readMapping(t.db, SCHEMA),
      { source: 'live', id: failed?.id ?? 0 },
      null,
    );
  };

  /** An account and a contact naming it only by its External ID, in one app transaction. */
  const insertAccountAndContact = (accountName: string, externalId: string) =>
    t.db.withTransaction(async (client) => {
      const account = await insertAsApp(
        client,
        { name: accountName, external_account_id__c: externalId, ownerid: ACTIVE_OWNER },
        ACCOUNT_OBJECT,
      );
      const contact = await insertAsApp(client, {
        lastname: `Worker for ${externalId}`,
        account__external_account_id__c: externalId,
      });
      return { account, contact };
    });

  test('when an account and a contact naming it by External ID are inserted in one transaction, then both are INSERTED and the contact’s accountid is the account’s new 001 sfid', async () => {
    const { account, contact } = await insertAccountAndContact('Northwind Traders', 'ext-nw-1');

    await emulator.processOnce();

    const parent = await read(ACCOUNT_OBJECT, account);
    const child = await read(CONTACT_OBJECT, contact);
    expect(parent).toMatchObject({ _hc_lastop: 'INSERTED', name: 'Northwind Traders' });
    expect(parent?.sfid).toMatch(/^001[A-Za-z0-9]{15}$/);
    expect(child).toMatchObject({ _hc_lastop: 'INSERTED', accountid: parent?.sfid });
    expect(child?.sfid).toMatch(/^003[A-Za-z0-9]{15}$/);
    expect(await entriesIn(t.db, '_trigger_log_archive', account, ACCOUNT_OBJECT)).toMatchObject([
      { action: 'INSERT', state: 'SUCCESS', sfid: parent?.sfid },
    ]);
  });

  test('when the account fails as a duplicate, then its contact fails on the foreign key, and retrying the fixed account and then the contact inserts and links both', async () => {
    const { account, contact } = await insertAccountAndContact('DUPLICATE Acme', 'ext-acme-1');

    await emulator.processOnce();

    const message =
      'INVALID_FIELD: Foreign key external ID: ext-acme-1 not found for field External_Account_Id__c in entity Account';
    expect(await read(ACCOUNT_OBJECT, account)).toMatchObject({ _hc_lastop: 'FAILED', sfid: null });
    expect(await entriesIn(t.db, '_trigger_log', account, ACCOUNT_OBJECT)).toMatchObject([
      { state: 'FAILED', sf_message: 'DUPLICATES_DETECTED: Use one of these records?' },
    ]);
    const failedChild = await read(CONTACT_OBJECT, contact);
    expect(failedChild).toMatchObject({ _hc_lastop: 'FAILED', sfid: null, accountid: null });
    expect(JSON.parse(failedChild?._hc_err ?? 'null')).toMatchObject({ msg: message });
    expect(await entriesIn(t.db, '_trigger_log', contact)).toMatchObject([
      { state: 'FAILED', sf_message: message },
    ]);

    await updateAsApp(t.db, account, { name: 'Acme Logistics' }, ACCOUNT_OBJECT);
    expect(await retry(CONTACT_OBJECT, contact)).toBe('requeued');
    expect(await retry(ACCOUNT_OBJECT, account)).toBe('requeued');
    // One pass: the account's entries go before the contact's, whatever order they were queued in.
    await emulator.processOnce();

    const parent = await read(ACCOUNT_OBJECT, account);
    // The retried insert gives the sfid; the name fix, a write of its own, then updates it.
    expect(parent).toMatchObject({ _hc_lastop: 'UPDATED', name: 'Acme Logistics' });
    expect(parent?.sfid).toMatch(/^001[A-Za-z0-9]{15}$/);
    expect(await entriesIn(t.db, '_trigger_log_archive', account, ACCOUNT_OBJECT)).toMatchObject([
      { action: 'INSERT', state: 'SUCCESS' },
      { action: 'UPDATE', state: 'SUCCESS' },
    ]);
    expect(await read(CONTACT_OBJECT, contact)).toMatchObject({
      _hc_lastop: 'INSERTED',
      _hc_err: null,
      accountid: parent?.sfid,
    });
    expect(await entriesIn(t.db, '_trigger_log', contact)).toEqual([]);
  });

  test('when a contact or an account is owned by an inactive user, then the write fails with INACTIVE_OWNER_OR_USER', async () => {
    const contact = await insertAsApp(t.db, { lastname: 'Orphan', ownerid: INACTIVE_OWNER });
    const account = await insertAsApp(
      t.db,
      { name: 'Dormant Corp', ownerid: INACTIVE_OWNER },
      ACCOUNT_OBJECT,
    );
    const owned = await insertAsApp(t.db, { lastname: 'Owned', ownerid: ACTIVE_OWNER });

    await emulator.processOnce();

    const message = (object: string) =>
      `INACTIVE_OWNER_OR_USER: operation performed with inactive user [${INACTIVE_OWNER}] as owner of ${object}`;
    expect(await entriesIn(t.db, '_trigger_log', contact)).toMatchObject([
      { state: 'FAILED', sf_message: message('contact') },
    ]);
    expect(await entriesIn(t.db, '_trigger_log', account, ACCOUNT_OBJECT)).toMatchObject([
      { state: 'FAILED', sf_message: message('account') },
    ]);
    expect(await read(CONTACT_OBJECT, owned)).toMatchObject({ _hc_lastop: 'INSERTED' });
  });

  test('when the app writes to the read-only "user" table, then the write is logged READONLY and never sent', async () => {
    const user = await insertAsApp(t.db, { name: 'Una Unsent', isactive: 'true' }, USER_OBJECT);
    await updateAsApp(t.db, user, { name: 'Una Renamed' }, USER_OBJECT);

    await emulator.processOnce();

    expect(await entriesIn(t.db, '_trigger_log', user, USER_OBJECT)).toMatchObject([
      { action: 'INSERT', state: 'READONLY' },
      { action: 'UPDATE', state: 'READONLY' },
    ]);
    expect(await entriesIn(t.db, '_trigger_log_archive', user, USER_OBJECT)).toEqual([]);
    expect(await read(USER_OBJECT, user)).toMatchObject({ sfid: null });
  });

  test('when an account is sent, then the emulator’s log line names the object', async () => {
    const lines: string[] = [];
    const logged = startConnectEmulator(t.db, {
      schema: SCHEMA,
      delayMs: 0,
      intervalMs: 60_000,
      logger: createLogger('info', { write: (line: string) => void lines.push(line) }),
    });
    const account = await insertAsApp(t.db, { name: 'Globex Shipping' }, ACCOUNT_OBJECT);

    await logged.processOnce();
    await logged.stop();

    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain(`Connect emulator: INSERT of account row ${account} → SUCCESS`);
  });
});
