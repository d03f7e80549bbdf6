import { createDevSchema } from '../../src/dev/devSchema';
import {
  assertDevelopmentDatabase,
  guardOptionsFor,
  RefusedDatabaseError,
} from '../../src/dev/devDatabaseGuard';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const LOCAL = 'postgres://postgres@127.0.0.1:5432/scratch';
const guard = (overrides: Partial<Parameters<typeof assertDevelopmentDatabase>[1]> = {}) => ({
  connectionString: LOCAL,
  schema: 'salesforce',
  isProduction: false,
  allowRemote: false,
  ...overrides,
});

describe('the development database guard', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase({ withSchema: false });
  });
  afterAll(async () => {
    await target.close();
  });
  // Each test starts from a database with no salesforce schema, as after "Deploy to Heroku".
  afterEach(async () => {
    await target.db.query('DROP SCHEMA IF EXISTS salesforce CASCADE');
  });

  test('when the schema does not exist, then the guard allows it and says it is absent', async () => {
    await expect(assertDevelopmentDatabase(target.db, guard())).resolves.toBe('absent');
  });

  test('when the schema was made by Contact Card, then the guard allows it', async () => {
    await createDevSchema(target.db, 'salesforce');

    await expect(assertDevelopmentDatabase(target.db, guard())).resolves.toBe('development');
  });

  test('when the schema has Connect’s _hcmeta table and no Contact Card mark, then the guard refuses', async () => {
    await target.db.query('CREATE SCHEMA salesforce');
    await target.db.query('CREATE TABLE salesforce._hcmeta (id serial PRIMARY KEY, hcver integer)');

    await expect(assertDevelopmentDatabase(target.db, guard())).rejects.toThrow(
      /Heroku Connect is present in this database \(salesforce\._hcmeta\)/,
    );
  });

  test('when Connect serves another schema of the same database, then the guard refuses this one too', async () => {
    await target.db.query('CREATE SCHEMA IF NOT EXISTS org2');
    await target.db.query('CREATE TABLE org2._hcmeta (id serial PRIMARY KEY)');
    try {
      await expect(assertDevelopmentDatabase(target.db, guard())).rejects.toThrow(
        /Heroku Connect is present in this database \(org2\._hcmeta\)/,
      );
    } finally {
      await target.db.query('DROP SCHEMA org2 CASCADE');
    }
  });

  test('when the schema exists without the mark, even empty, then the guard refuses', async () => {
    await target.db.query('CREATE SCHEMA salesforce');

    await expect(assertDevelopmentDatabase(target.db, guard())).rejects.toBeInstanceOf(
      RefusedDatabaseError,
    );
  });

  test('when Connect has taken over a schema Contact Card once made, then the guard refuses', async () => {
    await createDevSchema(target.db, 'salesforce');
    await target.db.query('CREATE TABLE salesforce._hcmeta (id serial PRIMARY KEY)');

    await expect(assertDevelopmentDatabase(target.db, guard())).rejects.toBeInstanceOf(
      RefusedDatabaseError,
    );
  });

  test.each([
    ['a remote host', 'postgres://u:p@ec2-54-1-2-3.compute-1.amazonaws.com:5432/d1'],
    ['a remote ?host= behind localhost', 'postgres://u@localhost/d1?host=db.example.com'],
  ])(
    'when the database is on %s, then the guard refuses unless remote is allowed',
    async (_case, url) => {
      await expect(
        assertDevelopmentDatabase(target.db, guard({ connectionString: url })),
      ).rejects.toThrow(/is not a local database\. Set DEV_DATABASE_ALLOW_REMOTE=1/);
      await expect(
        assertDevelopmentDatabase(target.db, guard({ connectionString: url, allowRemote: true })),
      ).resolves.toBe('absent');
    },
  );

  test('when NODE_ENV is production, then the guard refuses even a local, empty database', async () => {
    await expect(
      assertDevelopmentDatabase(target.db, guard({ isProduction: true, allowRemote: true })),
    ).rejects.toThrow(/NODE_ENV is production/);
  });

  describe('for a demo (CONTACT_CARD_DEMO=true, as on a review app)', () => {
    const REMOTE = 'postgres://u:p@ec2-54-1-2-3.compute-1.amazonaws.com:5432/d1';
    const demo = (isProduction: boolean) =>
      guardOptionsFor(
        { connectSchema: 'salesforce', isProduction, devDatabaseAllowRemote: false, demo: true },
        REMOTE,
      );

    test('when the app runs in production on a remote database, then the guard allows it', async () => {
      await expect(assertDevelopmentDatabase(target.db, demo(true))).resolves.toBe('absent');
    });

    test('when the database holds Connect’s _hcmeta, then the guard still refuses', async () => {
      await createDevSchema(target.db, 'salesforce');
      await target.db.query('CREATE TABLE salesforce._hcmeta (id serial PRIMARY KEY)');

      await expect(assertDevelopmentDatabase(target.db, demo(true))).rejects.toThrow(
        /Heroku Connect is present/,
      );
    });

    test('when the schema was made by someone else, then the guard still refuses', async () => {
      await target.db.query('CREATE SCHEMA salesforce');

      await expect(assertDevelopmentDatabase(target.db, demo(true))).rejects.toThrow(
        /was not created by Contact Card/,
      );
    });

    test('when demo mode is off, then production is refused as before', async () => {
      const options = guardOptionsFor(
        {
          connectSchema: 'salesforce',
          isProduction: true,
          devDatabaseAllowRemote: true,
          demo: false,
        },
        REMOTE,
      );

      await expect(assertDevelopmentDatabase(target.db, options)).rejects.toThrow(
        /NODE_ENV is production/,
      );
    });
  });
});
