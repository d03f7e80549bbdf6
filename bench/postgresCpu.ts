import { readFile } from 'node:fs/promises';
import type { Database } from '../src/db/database';
import { groupCpuClock, type CpuClock } from './cpuTime';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The CPU clock of the PostgreSQL server behind `url`: its postmaster and every backend, found
 * as the parent of the backend serving this connection. Only for a server on this machine
 * (the embedded one, or BENCH_DATABASE_URL on loopback); elsewhere null, since a remote pid
 * could name an unrelated local process. The clock counts all the server's databases, so it
 * is the requests' cost only while nothing else uses that server.
 */
export async function postgresCpuClock(db: Database, url: string): Promise<CpuClock | null> {
  const host = new URL(url).hostname;
  if (host !== '' && !LOOPBACK.test(host)) return null;
  const result = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const backend = result.rows[0]?.pid;
  if (backend === undefined) return null;
  const status = await readFile(`/proc/${backend}/status`, 'utf8').catch(() => '');
  const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  const name = await readFile(`/proc/${parent}/comm`, 'utf8').catch(() => '');
  return parent > 1 && name.trim() === 'postgres' ? groupCpuClock(parent) : null;
}
