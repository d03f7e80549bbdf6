import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '../../src/dev/freePort';

export interface Pgbouncer {
  /** A URL of the pooler; replace its database with databaseUrl(). */
  url: string;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 50;

/** Debian installs it outside a normal user's PATH. */
export function pgbouncerBinary(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin']) {
    const candidate = path.join(dir, 'pgbouncer');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * PgBouncer in transaction mode, as Heroku's connection pooling runs it, in front of the server
 * at `serverUrl`, for every database on it. No ignore_startup_parameters: the app must send only
 * what a pooler accepts. It refuses to run as root, so root runs it as the OS user `postgres`.
 */
export async function startPgbouncer(binary: string, serverUrl: string): Promise<Pgbouncer> {
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username) || 'postgres';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgbouncer-'));
  const port = await freePort();
  const ini = path.join(dir, 'pgbouncer.ini');
  await writeFile(
    ini,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'default_pool_size = 5',
      'server_idle_timeout = 5',
      '',
    ].join('\n'),
  );
  // The server's password, for PgBouncer's own sign-in; clients sign in to it by trust.
  await writeFile(
    path.join(dir, 'userlist.txt'),
    `"${user}" "${decodeURIComponent(server.password)}"\n`,
  );
  const owner = process.getuid?.() === 0 ? postgresUser() : null;
  if (owner) {
    for (const file of [dir, ini, path.join(dir, 'userlist.txt')]) {
      await chown(file, owner.uid, owner.gid);
    }
  }
  const child = spawn(binary, [ini], { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}) });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-2000);
  });
  const url = `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilAccepting(url, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; its log:\n${log}`, { cause: error });
  }
  return { url, stop };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function untilAccepting(url: string, exited: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    if (exited()) throw new Error('pgbouncer exited during start-up');
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error('pgbouncer did not accept connections');
}
