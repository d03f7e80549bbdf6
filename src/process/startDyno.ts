import cluster from 'node:cluster';
import pino, { type Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import { createLogger } from '../logger';
import type { DatabaseTarget } from './databaseTarget';
import { poolPerWorker } from './poolPerWorker';
import { runPrimary } from './primary';
import { serveWeb } from './web';

export interface DynoOptions {
  config: Config;
  /** Finds (and in development prepares) the database, once per dyno, before any worker. */
  prepare: (logger: Logger) => Promise<DatabaseTarget>;
}

/**
 * One web process, or with WEB_CONCURRENCY > 1 a cluster primary that prepares the database
 * once and hands it to its workers through their environment. A worker runs the same entry
 * point again and goes straight to serving.
 */
export async function startDyno({ config, prepare }: DynoOptions): Promise<void> {
  // Asynchronous writes: a synchronous write per request line cost a tenth of a worker's CPU
  // under load. pino flushes what is buffered when the process exits.
  const logger = createLogger(config.logLevel, pino.destination({ sync: false }));
  const workers = config.webConcurrency;
  const poolMax = poolPerWorker(config.poolMax, workers);

  if (cluster.isWorker) {
    if (!config.databaseUrl) throw new ConfigError('A worker needs DATABASE_URL from its primary.');
    serveWeb({ config, logger, connectionString: config.databaseUrl, poolMax });
    return;
  }
  const database = await prepare(logger);
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
