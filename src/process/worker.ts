import type { Logger } from 'pino';
import type { Config } from '../config';
import { editedBy } from '../contacts/editedBy';
import { importJobHandler } from '../contacts/import/importJob';
import { IMPORT_QUEUE } from '../contacts/import/limits';
import { configuredDatabase } from '../db/configuredDatabase';
import { jobWorker } from '../jobs/jobQueue';
import { stopOnSignals } from './stopOnSignals';

// Heroku sends SIGKILL 30 s after SIGTERM. A chunk takes a second or two; the rest is margin.
const FINISH_CHUNK_MS = 20_000;
const SHUTDOWN_DEADLINE_MS = 27_000;

export interface WorkerOptions {
  config: Config;
  logger: Logger;
  /** A direct connection (DATABASE_URL): the worker holds row locks for a whole chunk. */
  connectionString: string;
  /** Runs after the pools have closed. */
  onStopped?: () => Promise<void>;
}

/**
 * One worker process: takes jobs off the queue until SIGTERM. On SIGTERM it takes no new job,
 * lets the running import finish its current chunk (each chunk is its own transaction), then
 * hands the job back to the queue, where the next worker resumes it after that chunk.
 */
export async function serveWorker(options: WorkerOptions): Promise<void> {
  const { config, logger, connectionString, onStopped } = options;
  const db = configuredDatabase(config, { connectionString, logger, poolMax: 3 });
  const heartbeatSeconds = config.jobHeartbeatSeconds;
  const queue = await jobWorker({
    connectionString,
    pgSslMode: config.pgSslMode,
    onError: (error) => {
      logger.warn({ err: error }, 'Job queue error (pg-boss retries it)');
    },
    timing: {
      heartbeatSeconds,
      monitorIntervalSeconds: Math.max(1, Math.floor(heartbeatSeconds / 3)),
    },
  });
  let stopping = false;
  await queue.work(
    IMPORT_QUEUE,
    importJobHandler(db, {
      schema: config.connectSchema,
      shouldStop: () => stopping,
      editedBy: editedBy(config.auditSalesforceField),
      log: logger,
    }),
  );
  logger.info('The worker is taking import jobs');
  stopOnSignals(
    logger,
    async () => {
      stopping = true;
      await queue.stop(FINISH_CHUNK_MS);
      await db.close();
      await onStopped?.();
    },
    SHUTDOWN_DEADLINE_MS,
  );
}
