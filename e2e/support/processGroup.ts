import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface GroupLeader {
  pid: number;
  /** Everything the process has printed so far. */
  output(): string;
  /** SIGTERM to the leader (as Heroku or Ctrl-C would), then SIGKILL to what is left of its group. */
  stop(graceMs: number): Promise<void>;
}

/** Starts `node <script>` as the leader of a new process group, its output also kept in `logFile`. */
export function startGroup(
  script: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): GroupLeader {
  const log = createWriteStream(options.logFile, { flags: 'w' });
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script} did not start`);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid,
    output: () => output,
    async stop(graceMs) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(graceMs, undefined, { ref: false })]);
      }
      if (groupAlive(pid)) {
        process.kill(-pid, 'SIGKILL');
        await waitUntil(() => !groupAlive(pid), 5_000);
      }
      log.end();
      if (groupAlive(pid)) throw new Error(`process group ${pid} is still running`);
    },
  };
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every `everyMs` for at most `timeoutMs`; true once it held. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}
