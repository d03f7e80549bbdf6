import pg from 'pg';
import type { Logger } from 'pino';
import { beginWithTimeouts, queryWithDeadline } from './poolerTimeouts';
import { sslFor, withoutSslMode } from './ssl';

export interface DatabaseOptions {
  connectionString: string;
  pgSslMode?: string | undefined;
  poolMax: number;
  statementTimeoutMs: number;
  logger: Logger;
  /**
   * The connection string leads to a transaction-mode pooler (Heroku's connection pooling,
   * PgBouncer): consecutive transactions may run on different server connections, which other
   * clients share, so nothing may rely on session state.
   */
  behindPooler?: boolean;
}

const NO_SESSION_BEHIND_POOLER =
  'This work needs a session of its own, which a transaction-mode pooler does not keep: ' +
  'run it on DATABASE_URL, not DATABASE_CONNECTION_POOL_URL.';

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface Database {
  query<Row extends pg.QueryResultRow>(
    text: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<Row>>;
  withTransaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs work on one connection. With `discardAfter`, the connection is closed afterwards
   * instead of going back to the pool, so session settings the work made never leak. Work that
   * needs one session (session locks, SET) gets none behind a pooler: it refuses there.
   */
  withClient<T>(work: (client: Queryable) => Promise<T>, options?: ClientOptions): Promise<T>;
  close(): Promise<void>;
}

export interface ClientOptions {
  discardAfter?: boolean;
}

/**
 * Checks a client out with `onError` already listening. The listener goes on in the pool's
 * callback, not after an `await`: a server that ends the connection right after accepting it
 * can send its error in the same network read as the hand-over, before any awaiting code runs,
 * and a client without a listener then crashes the process with an unhandled 'error'.
 */
function connectListening(pool: pg.Pool, onError: (error: Error) => void): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (error || !client) {
        reject(error ?? new Error('the pool handed out no client'));
        return;
      }
      client.on('error', onError);
      resolve(client);
    });
  });
}

/**
 * Timeouts as start-up parameters: the server applies them to every statement at no cost per
 * query. A pooler refuses them (PgBouncer passes on only the few settings it tracks, such as
 * application_name), so behind one they are applied per transaction and per statement instead.
 */
function sessionTimeouts({ statementTimeoutMs, behindPooler = false }: DatabaseOptions) {
  if (behindPooler) return {};
  return {
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
  };
}

/** Owns the pool: the one place that creates connections, logs queries and closes them. */
export function createDatabase(options: DatabaseOptions): Database {
  const { behindPooler = false, statementTimeoutMs } = options;
  const pool = new pg.Pool({
    connectionString: withoutSslMode(options.connectionString),
    ssl: sslFor(options.connectionString, options.pgSslMode),
    max: options.poolMax,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    ...sessionTimeouts(options),
    application_name: 'contact-card',
  });
  const begin = behindPooler ? beginWithTimeouts(statementTimeoutMs) : 'BEGIN';
  // An idle client whose server went away (restart, Ctrl-C, failover) emits here; without a
  // listener the process would crash. The pool discards the client and heals on next use.
  pool.on('error', (error) => {
    options.logger.warn({ err: error }, 'idle database connection lost');
  });

  /** `discard` marks the client as unfit to go back to the pool. */
  async function checkedOut<T>(
    work: (client: pg.PoolClient, discard: (reason: Error) => void) => Promise<T>,
    discardAfter: boolean,
  ): Promise<T> {
    let broken: Error | undefined;
    // A checked-out client has no pool listener: if the server drops it between statements,
    // an unhandled 'error' would crash the process. Note it and destroy the client instead.
    const onError = (error: Error) => {
      broken = error;
    };
    const client = await connectListening(pool, onError);
    try {
      return await work(client, (reason) => {
        broken = reason;
      });
    } finally {
      client.removeListener('error', onError);
      // release(truthy) destroys the client rather than pooling it.
      client.release(broken ?? discardAfter);
    }
  }

  /** A statement in a transaction of its own; behind a pooler it carries its own deadline. */
  function statement<Row extends pg.QueryResultRow>(text: string, params: unknown[]) {
    if (!behindPooler || statementTimeoutMs <= 0) return pool.query<Row>(text, params);
    const deadlineMs = statementTimeoutMs;
    return checkedOut(
      (client, discard) => queryWithDeadline<Row>(client, { text, params, deadlineMs }, discard),
      false,
    );
  }

  return {
    async query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
      const started = performance.now();
      const result = await statement<Row>(text, params);
      options.logger.debug(
        { sql: text, ms: Math.round(performance.now() - started), rows: result.rowCount },
        'query',
      );
      return result;
    },
    withClient: (work, { discardAfter = false } = {}) =>
      behindPooler
        ? Promise.reject(new Error(NO_SESSION_BEHIND_POOLER))
        : checkedOut(work, discardAfter),
    withTransaction: (work) =>
      checkedOut(async (client, discard) => {
        await client.query(begin);
        try {
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // A client that cannot even roll back is broken and must not be reused.
          await client.query('ROLLBACK').catch((rollbackError: unknown) => {
            discard(
              rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)),
            );
          });
          throw error;
        }
      }, false),
    close: () => pool.end(),
  };
}
