import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from '../paths';

export interface LocalWorker {
  stop(): Promise<void>;
}

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * The Procfile's worker process, started beside the development server so `npm start` is the
 * one command a developer runs: the same dist/worker.js a worker dyno runs, on the database the
 * development server chose. Its JSON log lines are passed on through the server's logger, so at
 * a terminal they read like the server's own, marked "worker:".
 */
export function startLocalWorker(connectionString: string, logger: Logger): LocalWorker {
  const child = fork(path.join(PROJECT_ROOT, 'dist', 'worker.js'), [], {
    env: { ...process.env, DATABASE_URL: connectionString, DATABASE_CONNECTION_POOL_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  passOn(child.stdout, logger);
  passOn(child.stderr, logger);
  const exited = once(child, 'exit');
  child.on('exit', (code, signal) => {
    if (code !== 0) {
      logger.warn(`The import worker stopped (${signal ?? `exit code ${String(code)}`})`);
    }
  });
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function passOn(stream: Readable | null, logger: Logger): void {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => {
    const entry = parsed(line);
    if (entry) logger[LEVELS[entry.level] ?? 'info'](`worker: ${entry.msg}`);
    else if (line.trim()) logger.warn(`worker: ${line}`);
  });
}

function parsed(line: string): { level: number; msg: string } | null {
  try {
    const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
    return typeof entry.level === 'number' && typeof entry.msg === 'string'
      ? { level: entry.level, msg: entry.msg }
      : null;
  } catch {
    return null;
  }
}
