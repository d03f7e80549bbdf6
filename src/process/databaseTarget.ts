import { ConfigError, type Config } from '../config';

/** The database a dyno serves from, and how to stop it if the dyno started it. */
export interface DatabaseTarget {
  connectionString: string;
  stop(): Promise<void>;
}

/** Production has exactly one answer to "which database": DATABASE_URL, which Heroku sets. */
export function productionDatabase(config: Pick<Config, 'databaseUrl'>): DatabaseTarget {
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is not set. On Heroku, attach Heroku Postgres; for local development, ' +
        'run `npm start`, which starts an embedded PostgreSQL.',
    );
  }
  return { connectionString: config.databaseUrl, stop: () => Promise.resolve() };
}
