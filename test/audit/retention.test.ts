import pg from 'pg';
import { AUDIT_TABLE } from '../../src/audit/auditTable';
import { removeExpiredEntries } from '../../src/audit/retention';
import type { Database } from '../../src/db/database';
import { runRelease } from '../support/runRelease';
import { sharedBuild } from '../support/sharedBuild';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** Records `count` entries written `age` ago (a Postgres interval): older than the trigger's day. */
async function recordEntriesAged(db: Database, count: number, age: string): Promise<void> {
  await db.query(
    `INSERT INTO ${AUDIT_TABLE} (at, action, user_id, username, user_name, detail)
       SELECT now() - $2::interval, 'edit', '005TEST', 'editor@contactcard.example', 'Eddie', $3
         FROM generate_series(1, $1)`,
    [count, age, age],
  );
}

/** How many entries of each age are left, by the age they were recorded with. */
async function entriesLeft(db: Database): Promise<Record<string, number>> {
  const result = await db.query<{ age: string; n: number }>(
    `SELECT detail AS age, count(*)::int AS n FROM ${AUDIT_TABLE} GROUP BY detail`,
  );
  return Object.fromEntries(result.rows.map((row) => [row.age, row.n]));
}

/** The database, counting the statements that delete entries and telling each one's end. */
function countingDeletes(
  db: Database,
  afterDelete: (deletes: number) => void = () => undefined,
): { db: Database; deletes: () => number } {
  let deletes = 0;
  return {
    db: {
      ...db,
      query: <Row extends pg.QueryResultRow>(text: string, params?: unknown[]) => {
        if (!text.trimStart().startsWith('DELETE')) return db.query<Row>(text, params);
        deletes += 1;
        const count = deletes;
        return db.query<Row>(text, params).finally(() => {
          afterDelete(count);
        });
      },
    },
    deletes: () => deletes,
  };
}

describe('removing expired audit entries', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ withSchema: false });
  });
  afterEach(async () => {
    await t.close();
  });

  test('when nothing has been recorded yet, then a pass creates the table and removes nothing', async () => {
    const removed = await removeExpiredEntries(t.db, 365);

    expect(removed).toBe(0);
    expect(await entriesLeft(t.db)).toEqual({});
  });

  test('when some entries are older than the retention, then they go and the recent ones stay', async () => {
    await recordEntriesAged(t.db, 5, '31 days');
    await recordEntriesAged(t.db, 4, '29 days');
    await recordEntriesAged(t.db, 3, '2 days');

    const removed = await removeExpiredEntries(t.db, 30);

    expect(removed).toBe(5);
    expect(await entriesLeft(t.db)).toEqual({ '29 days': 4, '2 days': 3 });
  });

  test('when more entries have expired than one batch holds, then several batches remove them all', async () => {
    await recordEntriesAged(t.db, 12_000, '400 days');
    await recordEntriesAged(t.db, 10, '300 days');
    const counting = countingDeletes(t.db);

    const removed = await removeExpiredEntries(counting.db, 365, { batchSize: 1_000 });

    expect(removed).toBe(12_000);
    expect(counting.deletes()).toBe(13);
    expect(await entriesLeft(t.db)).toEqual({ '300 days': 10 });
  });

  test('when a pass reaches its most batches, then it stops, says so, and the next pass removes the rest', async () => {
    await recordEntriesAged(t.db, 2_500, '400 days');
    const logged: string[] = [];
    const log = (message: string) => {
      logged.push(message);
    };

    const first = await removeExpiredEntries(t.db, 365, { batchSize: 1_000, maxBatches: 2, log });
    const second = await removeExpiredEntries(t.db, 365, { batchSize: 1_000, maxBatches: 2, log });

    expect([first, second]).toEqual([2_000, 500]);
    expect(logged).toEqual([
      'Stopped after 2 batches: the next pass removes the rest.',
      'Removed 2000 audit entries older than 365 days.',
      'Removed 500 audit entries older than 365 days.',
    ]);
    expect(await entriesLeft(t.db)).toEqual({});
  });

  test('when the pass is told to stop, then it stops between batches', async () => {
    await recordEntriesAged(t.db, 3_000, '400 days');
    const stop = new AbortController();
    const counting = countingDeletes(t.db, () => {
      stop.abort();
    });

    const removed = await removeExpiredEntries(counting.db, 365, {
      batchSize: 1_000,
      signal: stop.signal,
    });

    expect(removed).toBe(1_000);
    expect(await entriesLeft(t.db)).toEqual({ '400 days': 2_000 });
  });

  test('when two passes run at once, then each entry is removed once and both finish', async () => {
    await recordEntriesAged(t.db, 12_000, '400 days');

    const removed = await Promise.all([
      removeExpiredEntries(t.db, 365, { batchSize: 500 }),
      removeExpiredEntries(t.db, 365, { batchSize: 500 }),
    ]);

    expect(removed[0] + removed[1]).toBe(12_000);
    expect(await entriesLeft(t.db)).toEqual({});
  });

  test('when another pass holds some expired entries, then a pass removes the rest without waiting for them', async () => {
    await recordEntriesAged(t.db, 3_000, '400 days');
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `SELECT id FROM ${AUDIT_TABLE} ORDER BY at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      );

      const removed = await removeExpiredEntries(t.db, 365, { batchSize: 500 });

      expect(removed).toBe(2_000);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await entriesLeft(t.db)).toEqual({ '400 days': 1_000 });
  });

  test('when the retention is one day, then no entry younger than a day is removed', async () => {
    await recordEntriesAged(t.db, 2, '1 day 1 minute');
    await recordEntriesAged(t.db, 3, '23 hours 59 minutes');
    await recordEntriesAged(t.db, 4, '1 second');

    const removed = await removeExpiredEntries(t.db, 1);

    expect(removed).toBe(2);
    expect(await entriesLeft(t.db)).toEqual({ '23 hours 59 minutes': 3, '1 second': 4 });
  });
});

describe('the release command', () => {
  const build = sharedBuild();

  test('when entries have expired, then the release removes them and logs how many', async () => {
    // No Connect table either: the release still gets to the audit trail after the indexes.
    const t = await createTestDatabase({ withSchema: false });
    try {
      await recordEntriesAged(t.db, 3, '31 days');
      await recordEntriesAged(t.db, 2, '29 days');

      const run = await runRelease(build, t.url, { AUDIT_RETENTION_DAYS: '30' });

      expect(run.stdout).toContain('Removed 3 audit entries older than 30 days.');
      expect(await entriesLeft(t.db)).toEqual({ '29 days': 2 });
    } finally {
      await t.close();
    }
  });
});
