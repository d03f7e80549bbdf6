import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../src/dev/freePort';
import { sharedBuild, type Build } from './sharedBuild';
import { createTestDatabase, type TestDatabase } from './testDatabase';

/**
 * The run's build and a database of this test file's own, made before its tests and removed
 * after them with every server the file started. Read them inside tests, once beforeAll has run.
 */
export function useBuildAndDatabase(): { readonly build: Build; readonly database: TestDatabase } {
  const made: { database?: TestDatabase } = {};
  beforeAll(async () => {
    made.database = await createTestDatabase();
  });
  afterAll(async () => {
    await killStartedServers();
    await made.database?.close();
  });
  return {
    get build() {
      return sharedBuild();
    },
    get database() {
      if (!made.database) throw new Error('the database is made in beforeAll');
      return made.database;
    },
  };
}

export const APP_PASSWORD = 'process test password';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  exited: Promise<ServerExit>;
  /** Everything the server has logged so far. */
  output(): string;
  /** Kills whatever is left of the server's process group (for afterAll). */
  kill(): Promise<void>;
}

const started = new Set<RunningServer>();

/**
 * Kills every server this test file started that is still running. For afterAll: a test that
 * times out never reaches its own `finally`, and a detached server would outlive the run.
 */
export async function killStartedServers(): Promise<void> {
  await Promise.all([...started].map((server) => server.kill()));
}

/**
 * Starts `node dist/server.js` (or another of the Procfile's processes, such as
 * dist/worker.js) as Heroku would: production settings, its own process group. A variable
 * given as undefined is left out of the environment altogether.
 */
export async function startServer(
  build: Build,
  env: Record<string, string | undefined>,
  script = 'dist/server.js',
) {
  const port = await freePort();
  let output = '';
  const settings = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    APP_PASSWORD,
    SESSION_SECRET: 'process-test-secret-that-is-at-least-32-characters',
    LOG_LEVEL: 'info',
    ...env,
  };
  const child = spawn(process.execPath, [script], {
    cwd: build.dir,
    env: Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      resolve({ code, signal });
    });
  });
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    process: child,
    exited,
    output: () => output,
    async kill() {
      started.delete(server);
      try {
        // The whole group: workers too, even if the primary has already gone.
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: nothing left to kill.
      }
      await exited;
    },
  };
  started.add(server);
  return server;
}

/** Polls `check` every 50 ms until it returns true, for at most `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Resolves once every worker has logged that it is listening. Starting a cluster on a busy CI
 * machine has taken over 20 s, so it waits up to a minute and then shows what the server said.
 */
export async function listening(server: RunningServer, workers: number): Promise<void> {
  try {
    await waitFor(
      `${workers} listening workers`,
      () => server.output().split('is listening').length - 1 >= workers,
      60_000,
    );
  } catch (error) {
    throw new Error(`${String(error)}; the server logged:\n${server.output()}`, {
      cause: error,
    });
  }
}
