import { createServer, connect, type Server, type Socket } from 'node:net';
import { browser } from './browser';
import { listening, startServer, waitFor, useBuildAndDatabase } from '../support/builtServer';

/** A TCP relay to the real database that can be switched on later, like a database coming back. */
function databaseRelay(target: URL) {
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return {
    listen: (port: number) =>
      new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', () => resolve())),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

// Each test starts real server processes, which a busy CI machine makes slow.
jest.setTimeout(90_000);

describe('starting while the database is down', () => {
  const made = useBuildAndDatabase();

  test('when the database is unreachable at start, then the server listens, answers 503 and recovers once the database is back', async () => {
    const { build, database } = made;
    const real = new URL(database.url);
    const relay = databaseRelay(real);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const unreachable = new URL(database.url);
    unreachable.port = String(port);
    const server = await startServer(build, {
      DATABASE_URL: unreachable.toString(),
      WEB_CONCURRENCY: '2',
    });
    try {
      await listening(server, 2);
      const user = browser(server.url);

      const down = await user.get('/healthz');
      await relay.listen(port);
      await waitFor('the app to reach the database', async () => {
        return (await user.get('/healthz')).status === 200;
      });

      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBeDefined();
      await user.signIn();
      expect((await user.get('/contacts')).status).toBe(200);
    } finally {
      await server.kill();
      await relay.close();
    }
  });
});
