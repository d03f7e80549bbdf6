import { expectedMigrations, migrate } from '../../src/db/migrations';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('applying the migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ withSchema: false, migrated: false });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when two processes migrate at once, then one applies them and the other waits and finds nothing left', async () => {
    const both = await Promise.all([
      migrate({ connectionString: t.url }, () => undefined),
      migrate({ connectionString: t.url }, () => undefined),
    ]);

    expect(both.map((applied) => applied.length).sort()).toEqual([0, expectedMigrations().length]);
  });

  test('when migrated, then the bookkeeping is in the app’s schema and nothing is in Connect’s', async () => {
    const result = await t.db.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname = 'pgmigrations' OR n.nspname = 'salesforce'`,
    );

    expect(result.rows).toEqual([{ name: 'contact_card.pgmigrations' }]);
  });
});
