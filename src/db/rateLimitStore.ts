import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from './database';

/** Every this many increments, a store also clears a batch of expired counters. */
export const CLEAN_UP_EVERY = 100;
/** Larger than CLEAN_UP_EVERY, so clearing outpaces the new keys those increments can add. */
const CLEAN_UP_BATCH = 500;

const TABLE = 'contact_card.rate_limit_hits';

interface CounterRow {
  hits: number;
  reset_at: Date;
}

/**
 * express-rate-limit's counters kept in Postgres, so every worker and dyno counts together.
 * Each call is a single statement with nothing held between statements (no session locks, no
 * SET), which PgBouncer's transaction mode needs. Windows are timed by the database's clock, so
 * processes whose clocks disagree still share one window. `prefix` keeps one limiter's keys
 * apart from another's: each limiter needs its own.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs: number | undefined;
  private increments = 0;

  constructor(
    private readonly db: Database,
    readonly prefix: string,
  ) {}

  /** express-rate-limit calls this as the limiter is made, with the limiter's window. */
  init(options: Pick<Options, 'windowMs'>): void {
    this.windowMs = options.windowMs;
  }

  /**
   * One statement, so parallel increments from any number of processes each count once: the
   * row lock serialises them, and each sees the count the one before it left. A window that
   * has ended starts again at 1.
   */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (this.windowMs === undefined) throw new Error('the store counts once rateLimit() has it');
    const windowMs = this.windowMs;
    const result = await this.db.query<CounterRow>(
      `INSERT INTO ${TABLE} AS counter (key, hits, reset_at)
         VALUES ($1, 1, now() + $2::double precision * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN counter.reset_at > now() THEN counter.hits + 1 ELSE 1 END,
           reset_at = CASE WHEN counter.reset_at > now() THEN counter.reset_at
                           ELSE excluded.reset_at END
         RETURNING hits, reset_at`,
      [this.prefixed(key), windowMs],
    );
    const row = result.rows[0];
    if (!row) throw new Error('the counter upsert returned no row');
    this.increments += 1;
    if (this.increments % CLEAN_UP_EVERY === 0) await this.deleteSomeExpired();
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const result = await this.db.query<CounterRow>(
      `SELECT hits, reset_at FROM ${TABLE} WHERE key = $1 AND reset_at > now()`,
      [this.prefixed(key)],
    );
    const row = result.rows[0];
    return row && { totalHits: row.hits, resetTime: row.reset_at };
  }

  /** A window that has already ended is left alone: it restarts at its next increment. */
  async decrement(key: string): Promise<void> {
    await this.db.query(
      `UPDATE ${TABLE} SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND reset_at > now()`,
      [this.prefixed(key)],
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query(`DELETE FROM ${TABLE} WHERE key = $1`, [this.prefixed(key)]);
  }

  private prefixed(key: string): string {
    return `${this.prefix}${key}`;
  }

  /**
   * A bounded batch, so no request pays for a big backlog. SKIP LOCKED passes over counters
   * that an increment holds right now: clean-up never waits for, or blocks, counting. A failure
   * is dropped: the increment before it has counted, and the next clean-up takes the rows.
   */
  private async deleteSomeExpired(): Promise<void> {
    await this.db
      .query(
        `DELETE FROM ${TABLE} WHERE key IN (
           SELECT key FROM ${TABLE} WHERE reset_at <= now()
           ORDER BY reset_at LIMIT $1 FOR UPDATE SKIP LOCKED)`,
        [CLEAN_UP_BATCH],
      )
      .catch(() => undefined);
  }
}
