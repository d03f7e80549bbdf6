import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from '../paths';

export interface LocalWorker {
  stop(): Promise<void>;
}

/**
 * The Procfile's worker process, started beside the development server so `npm start` is the
 * one command a developer runs: the same dist/worker.js a worker dyno runs, on the database the
 * development server chose. Its log lines join the server's on this terminal.
 */
export function startLocalWorker(connectionString: string, logger: Logger): LocalWorker {
  const child = fork(path.join(PROJECT_ROOT, 'dist', 'worker.js'), [], {
    env: { ...process.env, DATABASE_URL: connectionString, DATABASE_CONNECTION_POOL_URL: '' },
  });
  const exited = once(child, 'exit');
  child.on('exit', (code, signal) => {
    if (code !== 0)
      logger.warn(`The import worker stopped (${signal ?? `exit code ${String(code)}`})`);
  });
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
