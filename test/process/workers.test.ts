import { readFile } from 'node:fs/promises';
import { browser } from './browser';
import { listening, startServer, waitFor, useBuildAndDatabase } from '../support/builtServer';

/** The pids of a process's children, as the kernel lists them. */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.split(' ').filter(Boolean).map(Number);
}

// Each test starts real server processes, which a busy CI machine makes slow.
jest.setTimeout(90_000);

describe('the cluster of web workers', () => {
  const made = useBuildAndDatabase();

  test('when a worker is killed, then another takes its place and the app keeps answering', async () => {
    const { build, database } = made;
    const server = await startServer(build, { DATABASE_URL: database.url, WEB_CONCURRENCY: '2' });
    try {
      await listening(server, 2);
      const primary = server.process.pid ?? 0;
      const [victim, survivor] = await childrenOf(primary);
      const user = browser(server.url);

      process.kill(victim ?? 0, 'SIGKILL');
      // A connection the primary hands to a worker in the instant it dies is lost (Node's
      // round-robin has no retry); Heroku's router retries those, so the test waits it out.
      await waitFor('the primary to notice', () => server.output().includes('died (SIGKILL)'));
      const answers = await Promise.all(Array.from({ length: 20 }, () => user.get('/healthz')));
      await waitFor('a replacement worker', async () => {
        const workers = await childrenOf(primary);
        return workers.length === 2 && !workers.includes(victim ?? 0);
      });
      await listening(server, 3);

      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(await childrenOf(primary)).toContain(survivor);
      expect(server.output()).toMatch(/Worker \d+ died \(SIGKILL\); replacing it/);
      expect((await user.get('/healthz')).status).toBe(200);
    } finally {
      await server.kill();
    }
  });

  test('when WEB_CONCURRENCY is 1, then the server runs as one process with no workers', async () => {
    const { build, database } = made;
    const server = await startServer(build, { DATABASE_URL: database.url, WEB_CONCURRENCY: '1' });
    try {
      await listening(server, 1);

      expect(await childrenOf(server.process.pid ?? 0)).toEqual([]);
      expect((await browser(server.url).get('/healthz')).status).toBe(200);
    } finally {
      server.process.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      await server.kill();
    }
  });
});
