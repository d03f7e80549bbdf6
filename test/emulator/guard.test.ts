import { RefusedDatabaseError } from '../../src/dev/devDatabaseGuard';
import { ContactTableMissingError, installConnectEmulator } from '../../src/emulator/install';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { guardFor } from './harness';

describe('where the Connect emulator refuses to install', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ withSchema: false });
  });
  afterAll(async () => {
    await empty.close();
  });

  const triggerLogExists = async () => {
    const result = await empty.db.query<{ present: boolean }>(
      `SELECT to_regclass('salesforce._trigger_log') IS NOT NULL AS present`,
    );
    return result.rows[0]?.present;
  };

  test('when the development schema does not exist yet, then it says to create it first', async () => {
    await expect(installConnectEmulator(empty.db, guardFor(empty.url))).rejects.toThrow(
      ContactTableMissingError,
    );
  });

  test('when the database is not local, then it refuses and names DEV_DATABASE_ALLOW_REMOTE', async () => {
    const remote = guardFor('postgres://user@db.example.com:5432/contacts');

    await expect(installConnectEmulator(empty.db, remote)).rejects.toThrow(
      /not a local database.*DEV_DATABASE_ALLOW_REMOTE/,
    );
  });

  test('when NODE_ENV is production, then it refuses', async () => {
    await expect(
      installConnectEmulator(empty.db, guardFor(empty.url, { isProduction: true })),
    ).rejects.toThrow(RefusedDatabaseError);
  });

  test('when the salesforce schema lacks Contact Card’s mark, then it refuses as Connect-owned and installs nothing', async () => {
    await empty.db.query('CREATE SCHEMA salesforce');
    await empty.db.query('CREATE TABLE salesforce.contact (id serial PRIMARY KEY, sfid text)');

    const install = installConnectEmulator(empty.db, guardFor(empty.url));

    await expect(install).rejects.toThrow(RefusedDatabaseError);
    await expect(install).rejects.toThrow(/not created by Contact Card.*Heroku Connect/);
    expect(await triggerLogExists()).toBe(false);
  });
});
