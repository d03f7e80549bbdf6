import { createDatabase, type Database } from '../../src/db/database';
import { CLEAN_UP_EVERY, PostgresRateLimitStore } from '../../src/db/rateLimitStore';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const WINDOW_MS = 15 * 60_000;

describe('rate-limit counters in Postgres', () => {
  let database: TestDatabase;
  // A second pool on the same database, as another dyno or worker would have.
  let otherProcess: Database;
  beforeAll(async () => {
    database = await createTestDatabase({ withSchema: false });
    otherProcess = createDatabase({
      connectionString: database.url,
      poolMax: 5,
      statementTimeoutMs: 25_000,
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await otherProcess.close();
    await database.close();
  });

  const store = (db: Database, prefix = 'test:') => {
    const made = new PostgresRateLimitStore(db, prefix);
    made.init({ windowMs: WINDOW_MS });
    return made;
  };

  test('when 50 increments run at once through two processes, then they count exactly 50', async () => {
    const here = store(database.db);
    const there = store(otherProcess);

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? there : here).increment('parallel')),
    );

    const hits = results.map((result) => result.totalHits).sort((a, b) => a - b);
    expect(hits).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await here.get('parallel'))?.totalHits).toBe(50);
  });

  test('when two prefixes count the same key, then each keeps a count of its own', async () => {
    const perAddress = store(database.db, 'per-address:');
    const overall = store(database.db, 'overall:');

    await perAddress.increment('same');
    await perAddress.increment('same');
    const other = await overall.increment('same');

    expect(other.totalHits).toBe(1);
    expect((await perAddress.get('same'))?.totalHits).toBe(2);
  });

  test('when a window has ended, then the next increment starts a new one at 1', async () => {
    const counter = store(database.db);
    await counter.increment('ended');
    await counter.increment('ended');
    await database.db.query(
      `UPDATE contact_card.rate_limit_hits SET reset_at = now() - interval '1 second'
        WHERE key = 'test:ended'`,
    );

    const restarted = await counter.increment('ended');

    expect(restarted.totalHits).toBe(1);
    const msLeft = (restarted.resetTime?.getTime() ?? 0) - Date.now();
    expect(msLeft).toBeGreaterThan(WINDOW_MS - 60_000);
    expect(msLeft).toBeLessThanOrEqual(WINDOW_MS + 60_000);
  });

  test('when a hit is taken back or the key reset, then the count goes down or starts over', async () => {
    const counter = store(database.db);
    await counter.increment('undo');
    await counter.increment('undo');

    await counter.decrement('undo');
    const afterDecrement = await counter.get('undo');
    await counter.resetKey('undo');
    const afterReset = await counter.get('undo');
    const next = await counter.increment('undo');

    expect(afterDecrement?.totalHits).toBe(1);
    expect(afterReset).toBeUndefined();
    expect(next.totalHits).toBe(1);
  });

  test('when expired counters pile up, then a later increment clears them', async () => {
    const counter = store(database.db, 'cleanup:');
    await counter.increment('first');
    await database.db.query(
      `INSERT INTO contact_card.rate_limit_hits (key, hits, reset_at)
       SELECT 'expired:' || n, 1, now() - interval '1 minute' FROM generate_series(1, 20) AS n`,
    );
    const expiredRows = async () => {
      const result = await database.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM contact_card.rate_limit_hits WHERE key LIKE 'expired:%'`,
      );
      return result.rows[0]?.n;
    };

    for (let i = 2; i < CLEAN_UP_EVERY; i += 1) await counter.increment(`key ${i}`);
    const beforeCleanUp = await expiredRows();
    await counter.increment('the hundredth');

    expect(beforeCleanUp).toBe(20);
    expect(await expiredRows()).toBe(0);
    expect((await counter.get('the hundredth'))?.totalHits).toBe(1);
  });
});
