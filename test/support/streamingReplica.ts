import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '../../src/dev/freePort';

/**
 * A primary and a streaming standby of the machine's own PostgreSQL, built the way a Heroku
 * follower is: a base backup of the primary that replays its WAL as it streams in.
 */
export interface StreamingReplica {
  primaryUrl(database: string): string;
  standbyUrl(database: string): string;
  /** Until the standby has replayed everything the primary has committed. */
  waitForReplay(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  stop(): Promise<void>;
}

const BACKUP_FLAGS = '-h 127.0.0.1 -U postgres -R -X stream --checkpoint=fast --no-sync'.split(' ');
const PROGRAMS = ['initdb', 'postgres', 'pg_basebackup'] as const;
const WAIT_MS = 20_000;
// TCP only (no socket file in a system folder the machine's own cluster uses), and no waiting
// on the disk: these clusters are thrown away.
const SERVER_FLAGS = [
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
  'wal_level=replica',
  'max_wal_senders=4',
  'hot_standby=on',
  'fsync=off',
  'full_page_writes=off',
].flatMap((setting) => ['-c', setting]);

/** Where the server programs are, or why they cannot be used here. */
export function replicaTools(): { bindir: string } | { missing: string } {
  const bindir = serverBindir();
  if (bindir === null) {
    return { missing: 'no pg_config on PATH and no /usr/lib/postgresql (install PostgreSQL)' };
  }
  const absent = PROGRAMS.filter((program) => !existsSync(path.join(bindir, program)));
  if (absent.length > 0) return { missing: `${absent.join(', ')} not found in ${bindir}` };
  if (isRoot() && osUser('postgres') === null) {
    return { missing: 'running as root, and there is no OS user "postgres" to run the servers' };
  }
  return { bindir };
}

/** Debian keeps the server programs off PATH; its server packages alone have no pg_config. */
function serverBindir(): string | null {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    const debian = '/usr/lib/postgresql';
    const newest = existsSync(debian)
      ? readdirSync(debian).sort((a, b) => Number(b) - Number(a))[0]
      : undefined;
    return newest === undefined ? null : path.join(debian, newest, 'bin');
  }
}

export async function startStreamingReplica(bindir: string): Promise<StreamingReplica> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'contact-card-replica-'));
  const owner = isRoot() ? osUser('postgres') : null;
  if (owner) {
    await assertEnterable(root);
    await chown(root, owner.uid, owner.gid);
  }
  const run = (program: string, args: string[]) =>
    execFileSync(path.join(bindir, program), args, { cwd: root, stdio: 'pipe', ...(owner ?? {}) });
  const servers: Server[] = [];
  const stopAll = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const primaryDir = path.join(root, 'primary');
    const standbyDir = path.join(root, 'standby');
    run('initdb', [
      '-D',
      primaryDir,
      ...'-U postgres --auth=trust -E UTF8 --locale=C --no-sync'.split(' '),
    ]);
    await appendFile(
      path.join(primaryDir, 'pg_hba.conf'),
      'host replication all 127.0.0.1/32 trust\n',
    );
    const primary = await startServer(bindir, primaryDir, owner, root);
    servers.push(primary);
    // -R writes the standby's primary_conninfo and standby.signal, as a follower has.
    run('pg_basebackup', ['-D', standbyDir, '-p', String(primary.port), ...BACKUP_FLAGS]);
    let standby = await startServer(bindir, standbyDir, owner, root);
    servers.push(standby);
    const primaryUrl = (database: string) => urlFor(primary.port, database);
    const standbyUrl = (database: string) => urlFor(standby.port, database);
    await waitFor('the standby to stream from the primary', () =>
      queryOne(
        primaryUrl('postgres'),
        "SELECT count(*) > 0 AS ok FROM pg_stat_replication WHERE state = 'streaming'",
      ),
    );
    return {
      primaryUrl,
      standbyUrl,
      async waitForReplay() {
        const { lsn } = await queryRow<{ lsn: string }>(
          primaryUrl('postgres'),
          'SELECT pg_current_wal_lsn()::text AS lsn',
        );
        await waitFor('the standby to replay the primary', () =>
          queryOne(
            standbyUrl('postgres'),
            `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS ok`,
          ),
        );
      },
      pauseReplay: () =>
        queryRow(standbyUrl('postgres'), 'SELECT pg_wal_replay_pause()').then(() => undefined),
      resumeReplay: () =>
        queryRow(standbyUrl('postgres'), 'SELECT pg_wal_replay_resume()').then(() => undefined),
      stopStandby: () => standby.stop(),
      async startStandby() {
        const restarted = await startServer(bindir, standbyDir, owner, root, standby.port);
        servers.splice(servers.indexOf(standby), 1, restarted);
        standby = restarted;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface Server {
  port: number;
  stop(): Promise<void>;
}

async function startServer(
  bindir: string,
  dataDir: string,
  owner: { uid: number; gid: number } | null,
  cwd: string,
  port?: number,
): Promise<Server> {
  const listenOn = port ?? (await freePort());
  const child = spawn(
    path.join(bindir, 'postgres'),
    ['-D', dataDir, '-p', String(listenOn), ...SERVER_FLAGS],
    {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(owner ?? {}),
    },
  );
  const log: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    log.push(chunk);
    log.splice(0, Math.max(0, log.length - 20));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should the test process end without afterAll, the server must not outlive it.
  const orphanGuard = () => child.kill('SIGQUIT');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  const server = { port: listenOn, stop: () => stopServer(child, exited) };
  try {
    await waitFor(`postgres in ${dataDir} to accept connections`, async () => {
      if (child.exitCode !== null) throw new Error(`postgres exited:\n${log.join('')}`);
      return queryOne(urlFor(listenOn, 'postgres'), 'SELECT true AS ok').catch(() => false);
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** SIGQUIT is an immediate shutdown: nothing in these clusters is worth a checkpoint. */
async function stopServer(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGQUIT');
  await exited;
}

function urlFor(port: number, database: string): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

async function queryRow<Row>(url: string, sql: string): Promise<Row> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as Row;
  } finally {
    await client.end();
  }
}

async function queryOne(url: string, sql: string): Promise<boolean> {
  return (await queryRow<{ ok: boolean }>(url, sql)).ok;
}

/** Polls a condition: a replica's progress has no event to wait on. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(25);
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function osUser(name: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

/** PostgreSQL refuses root, so the servers run as `postgres`, which must reach the data dirs. */
async function assertEnterable(dir: string): Promise<void> {
  for (
    let parent = path.dirname(dir);
    parent !== path.dirname(parent);
    parent = path.dirname(parent)
  ) {
    if (((await stat(parent)).mode & 0o001) === 0) {
      throw new Error(
        `The OS user "postgres" cannot enter ${parent}: set TMPDIR to a folder it can enter`,
      );
    }
  }
}
