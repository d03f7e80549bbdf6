import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import type { DatabaseTarget } from './databaseTarget';
import { poolPerWorker } from './poolPerWorker';
import { runPrimary } from './primary';
import { serveWeb } from './web';

export interface DynoOptions {
  config: Config;
  logger: Logger;
  /** Finds (and in development prepares) the database, once per dyno, before any worker. */
  prepare: () => Promise<DatabaseTarget>;
}

/**
 * One web process, or with WEB_CONCURRENCY > 1 a cluster primary that prepares the database
 * once and hands it to its workers through their environment. A worker runs the same entry
 * point again and goes straight to serving.
 */
export async function startDyno({ config, logger, prepare }: DynoOptions): Promise<void> {
  const workers = config.webConcurrency;
  const poolMax = poolPerWorker(config.poolMax, workers);

  if (cluster.isWorker) {
    if (!config.databaseUrl) throw new ConfigError('A worker needs DATABASE_URL from its primary.');
    serveWeb({ config, logger, connectionString: config.databaseUrl, poolMax });
    return;
  }
  const database = await prepare();
  if (config.usesDevelopmentPassword) {
    logger.info(
      `Sign in with the development password "${config.appPassword}" (set APP_PASSWORD to change it).`,
    );
  }
  if (workers === 1) {
    serveWeb({
      config,
      logger,
      connectionString: database.connectionString,
      poolMax,
      onStopped: () => database.stop(),
    });
    return;
  }
  runPrimary({
    workers,
    logger,
    // A development session secret is made up per process: workers must share the primary's.
    env: { DATABASE_URL: database.connectionString, SESSION_SECRET: config.sessionSecret },
    onStopped: () => database.stop(),
  });
}
