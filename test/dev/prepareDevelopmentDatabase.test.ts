import { migrationCheck } from '../../src/db/migrationStatus';
import {
  prepareDevelopmentDatabase,
  type PrepareOptions,
} from '../../src/dev/prepareDevelopmentDatabase';
import { RefusedDatabaseError } from '../../src/dev/devDatabaseGuard';
import { countContacts } from '../support/contacts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('preparing the development database', () => {
  let target: TestDatabase;
  let OPTIONS: PrepareOptions;
  beforeAll(async () => {
    // Not migrated: `npm start` applies the migrations, as the release phase does on Heroku.
    target = await createTestDatabase({ withSchema: false, migrated: false });
    OPTIONS = {
      connectionString: target.url,
      schema: 'salesforce',
      isProduction: false,
      allowRemote: false,
      sampleContacts: 40,
    };
  });
  afterAll(async () => {
    await target.close();
  });
  // Each test starts from a database with no salesforce schema, as after "Deploy to Heroku".
  afterEach(async () => {
    await target.db.query('DROP SCHEMA IF EXISTS salesforce CASCADE');
  });

  test('when the database is fresh, then the migrations are applied, the schema is created and the sample contacts seeded once', async () => {
    const log: string[] = [];

    await prepareDevelopmentDatabase(target.db, OPTIONS, (line) => log.push(line));

    expect(await countContacts(target.db)).toBe(40);
    expect((await migrationCheck(target.db).read()).pending).toEqual([]);
    expect(log).toEqual([
      'Applied migrations: 0001_app_tables, 0002_audit_object, 0003_batches, 0004_imports, 0005_import_failures',
      'Seeded 40 sample contacts into salesforce.contact',
    ]);
  });

  test('when it runs a second time, then it does not reseed, even contacts that were deleted', async () => {
    await prepareDevelopmentDatabase(target.db, OPTIONS, () => undefined);
    await target.db.query(
      'DELETE FROM salesforce.contact WHERE id IN (SELECT id FROM salesforce.contact LIMIT 5)',
    );
    const log: string[] = [];

    await prepareDevelopmentDatabase(target.db, OPTIONS, (line) => log.push(line));

    expect(await countContacts(target.db)).toBe(35);
    expect(log).toEqual(['Migrations: the database is up to date.']);
  });

  test('when the schema belongs to Heroku Connect, then it refuses and creates, alters and seeds nothing', async () => {
    await target.db.query('CREATE SCHEMA salesforce');
    await target.db.query('CREATE TABLE salesforce._hcmeta (id serial PRIMARY KEY)');
    await target.db.query(
      'CREATE TABLE salesforce.contact (id serial PRIMARY KEY, sfid varchar(18), lastname varchar(80))',
    );

    await expect(
      prepareDevelopmentDatabase(target.db, OPTIONS, () => undefined),
    ).rejects.toBeInstanceOf(RefusedDatabaseError);

    const columns = await target.db.query(
      "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'salesforce' AND table_name = 'contact'",
    );
    const comment = await target.db.query(
      "SELECT obj_description('salesforce'::regnamespace, 'pg_namespace') AS comment",
    );
    expect(columns.rows).toEqual([{ n: 3 }]);
    expect(comment.rows).toEqual([{ comment: null }]);
    expect(await countContacts(target.db)).toBe(0);
  });

  test('when sample contacts are set to 0, then the schema is created empty', async () => {
    await prepareDevelopmentDatabase(target.db, { ...OPTIONS, sampleContacts: 0 }, () => undefined);

    expect(await countContacts(target.db)).toBe(0);
  });
});
