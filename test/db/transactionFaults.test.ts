import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('a transaction whose connection dies', () => {
  let database: TestDatabase;
  let killer: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
  });
  afterAll(async () => {
    await killer.end();
    await database.close();
  });

  /** Terminates a backend and waits until it is gone, so its goodbye arrives between statements. */
  const terminate = async (pid: number) => {
    await killer.query('SELECT pg_terminate_backend($1)', [pid]);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const alive = await killer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (alive.rowCount === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`backend ${String(pid)} is still alive`);
  };

  test('when its backend is terminated between statements, then the work fails with an error instead of crashing the process, and the pool keeps working', async () => {
    const work = database.db.withTransaction(async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(rows[0]?.pid ?? 0);
      await client.query('SELECT 1');
    });

    await expect(work).rejects.toThrow();
    const after = await database.db.query<{ ok: number }>('SELECT 1 AS ok');
    expect(after.rows).toEqual([{ ok: 1 }]);
  });
});
