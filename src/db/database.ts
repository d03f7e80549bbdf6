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
  close(): Promise<void>;
  readonly pool: pg.Pool;
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

  return {
    pool,
    async query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
      const started = performance.now();
      const result = await pool.query<Row>(text, params);
      options.logger.debug(
        { sql: text, ms: Math.round(performance.now() - started), rows: result.rowCount },
        'query',
      );
      return result;
    },
    async withTransaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no pool listener: if the server drops it between statements,
      // an unhandled 'error' would crash the process. Note it and destroy the client instead.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A client that cannot even roll back is broken: release(error) destroys it.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
