import type pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from './database';
import { watchFollowerLag, type FollowerStatus } from './followerLag';

export interface Follower {
  /**
   * Reads the follower while it is in use, else the leader. Whatever checks out a client
   * (transactions, locks) runs on the leader: it may write.
   */
  readonly reader: Database;
  /** Whether the follower is in use and has replayed every commit made before `time` (ms). */
  hasReplayed(time: number): boolean;
  status(): FollowerStatus;
  /** A write this old (ms) is on the follower whenever the follower is in use. */
  readonly replayBoundMs: number;
  /** Stops the lag samples and closes the follower's pool; the leader's stays open. */
  close(): Promise<void>;
}

export interface FollowerOptions {
  leader: Database;
  follower: Database;
  maxLagS: number;
  logger: Logger;
  /** How often the lag is sampled. */
  intervalMs?: number;
}

/** Reads that scale out to a read replica (a Heroku follower) without ever failing because of it. */
export function followerReads({ leader, follower, ...watch }: FollowerOptions): Follower {
  const lag = watchFollowerLag({ follower, ...watch });
  const reader: Database = {
    async query<Row extends pg.QueryResultRow>(text: string, params?: unknown[]) {
      if (!lag.status().inUse) return leader.query<Row>(text, params);
      try {
        return await follower.query<Row>(text, params);
      } catch (followerError) {
        // The same read on the leader tells the follower's fault (down, far behind, a conflict
        // with replay) from the query's own, which fails there too and is the user's to see.
        const result = await leader.query<Row>(text, params);
        lag.readFailed(followerError);
        return result;
      }
    },
    withTransaction: (work) => leader.withTransaction(work),
    withClient: (work, options) => leader.withClient(work, options),
    // The leader's pool belongs to whoever created it.
    close: () => Promise.resolve(),
  };
  return {
    reader,
    hasReplayed: (time) => lag.replayedUpTo() >= time,
    status: () => lag.status(),
    replayBoundMs: lag.replayBoundMs,
    async close() {
      await lag.stop();
      await follower.close();
    },
  };
}
