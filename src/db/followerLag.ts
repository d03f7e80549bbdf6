import type { Logger } from 'pino';
import type { Database } from './database';

export type FollowerReason = 'checking' | 'unreachable' | 'lagging' | 'not_a_follower';

export interface FollowerStatus {
  inUse: boolean;
  lagSeconds: number | null;
  /** Why the follower is not in use; null while it is. */
  reason: FollowerReason | null;
}

export interface FollowerLag {
  status(): FollowerStatus;
  /** Before this time (ms) every commit on the leader had been replayed; -Infinity if unknown. */
  replayedUpTo(): number;
  /** A read the leader answered failed on the follower: leave it until the next sample. */
  readFailed(error: unknown): void;
  /**
   * While the follower is in use, it has replayed every commit older than this (ms): a sample
   * at most `staleAfterMs` old measured at most `maxLagS` of lag, give or take WAL in flight.
   */
  readonly replayBoundMs: number;
  stop(): Promise<void>;
}

export interface LagOptions {
  follower: Database;
  maxLagS: number;
  logger: Logger;
  intervalMs?: number;
}

/**
 * An idle leader commits nothing, so the last replayed commit grows old without any real lag:
 * a follower that has replayed everything it received counts as caught up. NULL when it has
 * replayed no transaction since it started, so its lag is unknown.
 */
const LAG_SQL = `SELECT pg_is_in_recovery() AS in_recovery,
  CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END::float8 AS lag_seconds`;

/** WAL still on its way from the leader when a sample says "caught up". */
const IN_FLIGHT_MARGIN_MS = 1000;

interface Sample extends FollowerStatus {
  at: number;
  replayedUpTo: number;
}

/**
 * Samples the follower's lag on a timer, never per request: a request only reads the last
 * answer. Logs when the follower goes in or out of use, not on every sample.
 */
export function watchFollowerLag({
  follower,
  maxLagS,
  logger,
  intervalMs = 2000,
}: LagOptions): FollowerLag {
  // Past the pool's 5 s connection and statement timeouts, a sample is not slow but hung.
  const staleAfterMs = intervalMs + 6000;
  let current: Sample = notInUse('checking', Date.now());
  let inFlight: Promise<void> | undefined;

  const record = (next: Sample, error?: unknown) => {
    // A sample sent before a read failed must not put the follower back in use.
    if (next.at < current.at) return;
    if (next.reason !== current.reason) logChange(logger, next, error);
    current = next;
  };
  const sample = async () => {
    const sentAt = Date.now();
    try {
      const { rows } = await follower.query<{ in_recovery: boolean; lag_seconds: number | null }>(
        LAG_SQL,
      );
      const row = rows[0];
      record(judge(row?.in_recovery === true, row?.lag_seconds ?? null, maxLagS, sentAt));
    } catch (error) {
      record(notInUse('unreachable', sentAt), error);
    }
  };
  const tick = () => {
    inFlight ??= sample().finally(() => {
      inFlight = undefined;
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs).unref();

  const status = (): FollowerStatus => {
    const { inUse, lagSeconds, reason, at } = current;
    // A sample that hangs (a follower that stopped answering) must not keep an old "in use".
    if (inUse && Date.now() - at > staleAfterMs)
      return { inUse: false, lagSeconds, reason: 'unreachable' };
    return { inUse, lagSeconds, reason };
  };
  return {
    status,
    replayedUpTo: () => (status().inUse ? current.replayedUpTo : -Infinity),
    readFailed: (error) => {
      record(notInUse('unreachable', Date.now()), error);
    },
    replayBoundMs: maxLagS * 1000 + staleAfterMs + IN_FLIGHT_MARGIN_MS,
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

function logChange(logger: Logger, { reason, lagSeconds }: Sample, error: unknown): void {
  if (reason === null) logger.info({ lagSeconds }, 'follower in use');
  else
    logger.warn({ reason, lagSeconds, err: error }, 'follower not in use: reads go to the leader');
}

function judge(inRecovery: boolean, lag: number | null, maxLagS: number, sentAt: number): Sample {
  // A promoted (unfollowed) database no longer receives the leader's writes.
  if (!inRecovery) return notInUse('not_a_follower', sentAt);
  if (lag === null) return notInUse('lagging', sentAt);
  // Leader and follower clocks may differ by a little.
  const seconds = Math.max(0, lag);
  const lagSeconds = Math.round(seconds * 10) / 10;
  if (seconds > maxLagS) return { ...notInUse('lagging', sentAt), lagSeconds };
  return {
    inUse: true,
    lagSeconds,
    reason: null,
    at: sentAt,
    replayedUpTo: sentAt - seconds * 1000 - IN_FLIGHT_MARGIN_MS,
  };
}

function notInUse(reason: FollowerReason, at: number): Sample {
  return { inUse: false, lagSeconds: null, reason, at, replayedUpTo: -Infinity };
}
