import type { PgBoss } from 'pg-boss';
import type { Queryable } from '../db/database';
import { sslFor, withoutSslMode } from '../db/ssl';

/**
 * The background job queue, on pg-boss (docs/import.md#the-job-queue). pg-boss over
 * graphile-worker because a job whose worker died (SIGKILL, out of memory, a dyno restart)
 * comes back within seconds: with `heartbeatSeconds` the running worker stamps the job every few
 * seconds and the monitor retries it once the stamps stop, whereas graphile-worker leaves a
 * crashed worker's jobs locked for 4 hours. pg-boss also polls instead of LISTENing, so it
 * works behind Heroku's transaction-mode pooler, and it keeps its tables in a schema of its own
 * (never Connect's `salesforce`, where Connect refuses foreign tables).
 */
export const JOB_SCHEMA = 'contact_card_jobs';

/** How soon a dead worker's job is taken up again: about heartbeat + monitor interval. */
export interface JobTiming {
  /** pg-boss's minimum is 10. */
  heartbeatSeconds: number;
  monitorIntervalSeconds: number;
}

/** On Heroku: a job whose dyno died is running again within about 40 s. */
export const DYNO_TIMING: JobTiming = { heartbeatSeconds: 30, monitorIntervalSeconds: 10 };

export interface QueueSettings {
  connectionString: string;
  pgSslMode?: string | undefined;
  timing?: JobTiming;
  /** How many connections the queue's own pool may hold. */
  poolMax?: number;
  /** pg-boss's background errors (a failed poll or monitor pass), which it retries itself. */
  onError?: (error: Error) => void;
}

/** What the web process needs: put a job on a queue, at most once per key. */
export interface JobSender {
  /**
   * Adds the job unless one with this key is already queued or running, on the caller's
   * transaction: the job exists exactly when what it is about has committed.
   */
  send(queue: string, data: object, singletonKey: string, within: Queryable): Promise<void>;
  close(): Promise<void>;
}

/** One attempt at a job, as its handler gets it. */
export interface JobAttempt {
  data: unknown;
  /**
   * True when a throw now fails the job for good: the queue will not run it again, so whatever
   * the job is about must record that it stopped, or nobody learns it did.
   */
  lastAttempt: boolean;
}

export interface JobWorker {
  /** Runs `handler` for each job of the queue, one at a time; a throw retries the job. */
  work(queue: string, handler: (attempt: JobAttempt) => Promise<void>): Promise<void>;
  /** Takes no more jobs, waits for the running one (at most `timeoutMs`), then closes. */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * A job that throws is retried this often, a second apart: a worker stopped by SIGTERM throws to
 * hand its job to the next one, and a deploy a day should not exhaust the retries.
 */
const RETRY_LIMIT = 50;

/**
 * Starts pg-boss on the database: creates its schema and tables the first time (each process
 * may; pg-boss serialises its migrations on an advisory lock) and the queues with their policy.
 * `supervise` runs the monitor that expires jobs; only workers do that.
 */
async function startBoss(settings: QueueSettings, supervise: boolean): Promise<PgBoss> {
  // pg-boss is an ES module: loaded with import(), which the CommonJS build keeps as it is.
  const { PgBoss } = await import('pg-boss');
  const timing = settings.timing ?? DYNO_TIMING;
  const boss = new PgBoss({
    connectionString: withoutSslMode(settings.connectionString),
    ssl: sslFor(settings.connectionString, settings.pgSslMode),
    schema: JOB_SCHEMA,
    max: settings.poolMax ?? 2,
    application_name: 'contact-card-jobs',
    supervise,
    schedule: false,
    superviseIntervalSeconds: timing.monitorIntervalSeconds,
    monitorIntervalSeconds: timing.monitorIntervalSeconds,
  });
  // pg-boss reports its background errors as events; without a listener they would crash.
  boss.on('error', settings.onError ?? (() => undefined));
  await boss.start();
  return boss;
}

/**
 * What each job is sent with. Per job rather than only per queue: pg-boss cannot change a
 * queue's heartbeat once created, and a changed JOB_HEARTBEAT_SECONDS should apply to new jobs.
 */
function jobOptions(timing: JobTiming) {
  return {
    heartbeatSeconds: timing.heartbeatSeconds,
    // The heartbeat decides when a job is lost; this only bounds a job that keeps beating.
    expireInSeconds: 6 * 60 * 60,
    retryLimit: RETRY_LIMIT,
    retryDelay: 1,
  };
}

/** One queue per kind of job, created with the same options by every process. */
async function ensureQueue(boss: PgBoss, queue: string, timing: JobTiming): Promise<void> {
  if (await boss.getQueue(queue)) return;
  // One job per key queued or running: a double-submitted job is not added twice.
  await boss.createQueue(queue, { policy: 'exclusive', ...jobOptions(timing) });
}

/** The web process's sender: starts pg-boss on first use only, so pages that never send pay nothing. */
export function jobSender(settings: QueueSettings): JobSender {
  let started: Promise<PgBoss> | null = null;
  const ready = new Set<string>();
  const boss = () => {
    // A failed start (the database down) is tried again at the next send, not remembered.
    started ??= startBoss(settings, false).catch((error: unknown) => {
      started = null;
      throw error;
    });
    return started;
  };
  return {
    async send(queue, data, singletonKey, within) {
      const running = await boss();
      const timing = settings.timing ?? DYNO_TIMING;
      if (!ready.has(queue)) {
        await ensureQueue(running, queue, timing);
        ready.add(queue);
      }
      const db = { executeSql: (text: string, values?: unknown[]) => within.query(text, values) };
      await running.send(queue, data, { ...jobOptions(timing), singletonKey, db });
    },
    async close() {
      if (started) await (await started).stop({ graceful: false, close: true });
    },
  };
}

/** A worker process's side of the queue. */
export async function jobWorker(settings: QueueSettings): Promise<JobWorker> {
  const timing = settings.timing ?? DYNO_TIMING;
  const boss = await startBoss(settings, true);
  return {
    async work(queue, handler) {
      await ensureQueue(boss, queue, timing);
      const options = { pollingIntervalSeconds: 1, includeMetadata: true } as const;
      await boss.work(queue, options, async ([job]) => {
        // pg-boss counts a job's claims from 0 and fails it for good once the count reaches
        // its limit (a dead worker's job, taken up again, counts too).
        if (job) await handler({ data: job.data, lastAttempt: job.retryCount >= job.retryLimit });
      });
    },
    async stop(timeoutMs) {
      await boss.stop({ graceful: true, close: true, timeout: timeoutMs });
    },
  };
}
