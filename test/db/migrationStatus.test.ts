import type { Database } from '../../src/db/database';
import { migrationCheck } from '../../src/db/migrationStatus';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** The database, counting the statements sent through it. */
function counting(db: Database): { db: Database; queries: () => number } {
  let queries = 0;
  return {
    db: {
      ...db,
      query: (text, params) => {
        queries += 1;
        return db.query(text, params);
      },
    },
    queries: () => queries,
  };
}

describe('the check of a web process for its release’s migrations', () => {
  let migrated: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    migrated = await createTestDatabase({ withSchema: false });
    empty = await createTestDatabase({ withSchema: false, migrated: false });
  });
  afterAll(async () => {
    await migrated.close();
    await empty.close();
  });

  test('when the database is current, then later requests ask it nothing more', async () => {
    const { db, queries } = counting(migrated.db);
    const check = migrationCheck(db);

    expect(await check.pending()).toEqual([]);
    for (let i = 0; i < 5; i += 1) expect(await check.pending()).toEqual([]);

    expect(queries()).toBe(1);
  });

  test('when the database is behind, then requests close together share one read', async () => {
    const { db, queries } = counting(empty.db);
    const check = migrationCheck(db, ['0001_app_tables', '0002_later']);

    const answers = await Promise.all([check.pending(), check.pending(), check.pending()]);

    expect(answers).toEqual(Array(3).fill(['0001_app_tables', '0002_later']));
    expect(queries()).toBe(1);
  });

  test('when the database has a newer release’s migrations too, then this release is current', async () => {
    const check = migrationCheck(migrated.db, []);

    const status = await check.read();

    expect(status.pending).toEqual([]);
    expect(status.applied.length).toBeGreaterThan(0);
  });
});
