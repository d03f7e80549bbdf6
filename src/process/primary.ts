import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { restartPolicy } from './restartPolicy';
import { stopOnSignals } from './stopOnSignals';

// Workers get 20 s to drain; the primary waits a little longer, still inside Heroku's 30 s.
const SHUTDOWN_DEADLINE_MS = 25_000;

export interface PrimaryOptions {
  workers: number;
  logger: Logger;
  /** Settings every worker must share, such as the database the primary prepared. */
  env: Record<string, string>;
  /** Runs after the last worker has exited, e.g. to stop an embedded database. */
  onStopped: () => Promise<void>;
}

/**
 * The cluster primary: forks the web workers (which share the port), replaces any that die,
 * and on SIGTERM passes the signal on and waits for every worker to finish its requests.
 */
export function runPrimary({ workers, logger, env, onStopped }: PrimaryOptions): void {
  const policy = restartPolicy();
  const pendingForks = new Set<NodeJS.Timeout>();
  let stopping = false;
  const fork = () => cluster.fork(env);

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const delay = policy.delayAfterDeath();
    // The signal is null (despite its type) when the worker exited by itself.
    const cause = (signal as string | null) ?? `exit code ${code}`;
    logger.error(
      `Worker ${worker.process.pid} died (${cause}); ` +
        (delay > 0 ? `replacing it in ${delay / 1000} s` : 'replacing it'),
    );
    const timer = setTimeout(() => {
      pendingForks.delete(timer);
      if (!stopping) fork();
    }, delay);
    pendingForks.add(timer);
  });
  logger.info(`Starting ${workers} web workers`);
  for (let i = 0; i < workers; i += 1) fork();

  stopOnSignals(
    logger,
    async () => {
      stopping = true;
      for (const timer of pendingForks) clearTimeout(timer);
      const alive = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      await Promise.all(alive.map(stopWorker));
      await onStopped();
    },
    SHUTDOWN_DEADLINE_MS,
  );
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once('exit', () => {
      resolve();
    });
    if (worker.isDead()) resolve();
    else worker.process.kill('SIGTERM');
  });
}
