import type { Logger } from 'pino';
import { removeExpiredEntries } from '../audit/retention';
import type { Database } from '../db/database';

export interface RetentionTiming {
  /** Not at boot: the release phase has just removed what had expired. */
  firstPassAfterMs: number;
  everyMs: number;
  /** Up to this much later, at random, so dynos restarted together do not delete together. */
  jitterMs: number;
}

const MINUTE_MS = 60_000;

export const DAILY: RetentionTiming = {
  firstPassAfterMs: 10 * MINUTE_MS,
  everyMs: 24 * 60 * MINUTE_MS,
  jitterMs: 15 * MINUTE_MS,
};

/**
 * Removes expired audit entries once a day, so a dyno that runs for weeks without a release
 * still keeps AUDIT_RETENTION_DAYS. Every web process schedules its own pass, each cluster
 * worker too: the primary has no database pool of its own, and a worker picked to do it alone
 * would leave it undone once it died and was replaced. Passes that overlap share the rows
 * (see removeExpiredEntries), and one that finds nothing left costs a single index probe.
 * Returns a stop function for shutdown: it cancels the timer, ends a running pass after its
 * current batch and resolves once the pass has let go of the pool.
 */
export function scheduleRetention(
  db: Database,
  retentionDays: number,
  logger: Logger,
  timing: RetentionTiming = DAILY,
): () => Promise<void> {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      await removeExpiredEntries(db, retentionDays, {
        log: (message) => {
          logger.info(message);
        },
        signal: stopping.signal,
      });
    } catch (error) {
      // A database that is away now is likely back by the next pass.
      logger.warn({ err: error }, 'Removing expired audit entries failed; the next pass retries');
    }
    if (!stopping.signal.aborted) schedule(timing.everyMs);
  };
  const schedule = (afterMs: number) => {
    timer = setTimeout(
      () => {
        running = pass();
      },
      afterMs + Math.random() * timing.jitterMs,
    );
    // A pending pass never keeps the process alive.
    timer.unref();
  };

  schedule(timing.firstPassAfterMs);
  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await running;
  };
}
