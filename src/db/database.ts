import pg from 'pg';
import type { Logger } from 'pino';
import { sslFor, withoutSslMode } from './ssl';

export interface DatabaseOptions {
  connectionString: string;
  pgSslMode?: string | undefined;
  poolMax: number;
  statementTimeoutMs: number;
  logger: Logger;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface Database {
  query<Row extends pg.QueryResultRow>(
    text: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<Row>>;
  withTransaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs work on one connection. With `discardAfter`, the connection is closed afterwards
   * instead of going back to the pool, so session settings the work made never leak.
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

/** Owns the pool: the one place that creates connections, logs queries and closes them. */
export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: withoutSslMode(options.connectionString),
    ssl: sslFor(options.connectionString, options.pgSslMode),
    max: options.poolMax,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
    application_name: 'contact-card',
  });
  // An idle client whose server went away (restart, Ctrl-C, failover) emits here; without a
  // listener the process would crash. The pool discards the client and heals on next use.
  pool.on('error', (error) => {
    options.logger.warn({ err: error }, 'idle database connection lost');
  });

  /** `discard` marks the client as unfit to go back to the pool. */
  async function checkedOut<T>(
    work: (client: Queryable, discard: (reason: Error) => void) => Promise<T>,
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

  return {
    async query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
      const started = performance.now();
      const result = await pool.query<Row>(text, params);
      options.logger.debug(
        { sql: text, ms: Math.round(performance.now() - started), rows: result.rowCount },
        'query',
      );
      return result;
    },
    withClient: (work, { discardAfter = false } = {}) => checkedOut(work, discardAfter),
    withTransaction: (work) =>
      checkedOut(async (client, discard) => {
        await client.query('BEGIN');
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
