import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { childrenOf } from './processes';

/** Reads the CPU a group of processes has used so far, in milliseconds. */
export type CpuClock = () => Promise<number>;

let ticksPerSecond: number | undefined;

/** The kernel counts CPU time in clock ticks; `getconf CLK_TCK` says how many per second. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    let ticks = NaN;
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      // No getconf: Linux has used 100 on every architecture Node runs on.
    }
    ticksPerSecond = Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  }
  return ticksPerSecond;
}

/**
 * utime + stime of one process, and cutime + cstime (its children that exited and were
 * reaped), in ticks; zeros once it has gone. Fields follow the command name, which may hold
 * spaces and parentheses, so they are counted from its closing parenthesis.
 */
async function ticksOf(pid: number): Promise<{ own: number; reaped: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3 of stat(5), so utime (14) is index 11 here.
  const field = (n: number) => Number(fields[n - 3] ?? 0) || 0;
  return { own: field(14) + field(15), reaped: field(16) + field(17) };
}

/**
 * The CPU of a process and all its children: a cluster primary and its workers, or a
 * PostgreSQL postmaster and its backends. A child that exits mid-run is counted once, in the
 * leader's reaped time, so a difference of two readings is what the whole group spent between
 * them. Grandchildren are not followed: neither the app nor PostgreSQL has any that work.
 */
export function groupCpuClock(leader: number): CpuClock {
  return async () => {
    const { own, reaped } = await ticksOf(leader);
    let ticks = own + reaped;
    for (const child of await childrenOf(leader)) ticks += (await ticksOf(child)).own;
    return (ticks * 1000) / clockTicks();
  };
}
