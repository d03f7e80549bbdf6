import { ConfigError, type Config } from '../config';

/** The database a dyno serves from, and how to stop it if the dyno started it. */
export interface DatabaseTarget {
  connectionString: string;
  /** The connection string leads to Heroku's connection pooling (PgBouncer, transaction mode). */
  behindPooler?: boolean;
  stop(): Promise<void>;
}

/**
 * Production has exactly one answer to "which database": DATABASE_URL, which Heroku sets. The
 * release phase and one-off commands always use it: they hold session locks and settings.
 */
export function productionDatabase(config: Pick<Config, 'databaseUrl'>): DatabaseTarget {
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is not set. On Heroku, attach Heroku Postgres; for local development, ' +
        'run `npm start`, which starts an embedded PostgreSQL.',
    );
  }
  return { connectionString: config.databaseUrl, stop: () => Promise.resolve() };
}

/**
 * Web processes serve through Heroku's connection pooling when it is attached: every dyno's
 * and worker's pool then shares a few server connections instead of each holding its own.
 */
export function webDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseConnectionPoolUrl'>,
): DatabaseTarget {
  const direct = productionDatabase(config);
  const pooler = config.databaseConnectionPoolUrl;
  return pooler ? { ...direct, connectionString: pooler, behindPooler: true } : direct;
}
