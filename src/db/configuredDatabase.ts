import type { Logger } from 'pino';
import { createDatabase, type Database } from './database';

export interface PoolSettings {
  connectionString: string;
  logger: Logger;
  poolMax: number;
  /** The connection string leads to a transaction-mode pooler. */
  behindPooler?: boolean | undefined;
  /** A one-off command may let statements run longer than a request may. */
  statementTimeoutMs?: number;
}

export interface DatabaseSettings {
  pgSslMode: string | undefined;
  statementTimeoutMs: number;
}

/** A pool with the SSL mode (PGSSLMODE) and statement timeout the app is configured with. */
export function configuredDatabase(config: DatabaseSettings, settings: PoolSettings): Database {
  return createDatabase({
    pgSslMode: config.pgSslMode,
    statementTimeoutMs: config.statementTimeoutMs,
    ...settings,
  });
}
