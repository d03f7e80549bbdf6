import net from 'node:net';
import pg from 'pg';
import { formValuesIn, insertContact, readContact } from '../support/contacts';
import { browser } from './browser';
import { listening, startServer, waitFor, useBuildAndDatabase } from '../support/builtServer';

// Each test starts real server processes, which a busy CI machine makes slow.
jest.setTimeout(90_000);

/**
 * Whether a TCP connection to the server is refused. Only the connection is tried, not a
 * request: the cluster primary may still accept one in the instant its last worker stops
 * listening, and that connection gets no answer until the drain ends (see docs/scaling.md, Processes).
 */
function connectionRefused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ECONNREFUSED');
    });
  });
}

describe('stopping the server', () => {
  const made = useBuildAndDatabase();

  test('when SIGTERM arrives during a save, then new connections are refused, the save completes and the process exits 0', async () => {
    const { build, database } = made;
    const contact = await insertContact(database.db, { title: 'Before' });
    const sfid = contact.sfid ?? '';
    const server = await startServer(build, {
      DATABASE_URL: database.url,
      // A cluster, as on a dyno: the primary passes SIGTERM on to the worker holding the save.
      WEB_CONCURRENCY: '2',
      // The save waits on our lock for as long as the test needs, not the default 5 s.
      DATABASE_STATEMENT_TIMEOUT_MS: '60000',
    });
    const lock = new pg.Client({ connectionString: database.url });
    try {
      await listening(server, 2);
      const user = browser(server.url);
      await user.signIn();
      const card = await user.get(`/contacts/${sfid}`);
      // Hold the row, so the save's UPDATE waits inside the server until we let go.
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM salesforce.contact WHERE id = $1 FOR UPDATE', [contact.id]);
      const save = user.post(`/contacts/${sfid}`, { ...formValuesIn(card.text), title: 'After' });
      // Asked on another connection: inside the lock's transaction, pg_stat_activity would keep
      // showing its first snapshot, taken before the save arrived.
      await waitFor('the save to wait for the row lock', async () => {
        const waiting = await database.db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting.rowCount === 1;
      });

      const signalled = Date.now();
      server.process.kill('SIGTERM');
      await waitFor('new connections to be refused', () => connectionRefused(server.url));
      await lock.query('ROLLBACK');

      expect((await save).status).toBe(303);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect((await readContact(database.db, sfid))?.title).toBe('After');
    } finally {
      await lock.end();
      await server.kill();
    }
  });
});
