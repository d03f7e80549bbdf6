import cluster from 'node:cluster';
import pino, { type DestinationStream, type Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import { createLogger } from '../logger';
import { webDatabase, type DatabaseTarget } from './databaseTarget';
import { poolPerWorker } from './poolPerWorker';
import { warnOfOverriddenNodeEnv } from './productionRules';
import { runPrimary } from './primary';
import { serveWeb } from './web';

export interface DynoOptions {
  config: Config;
  /** Finds (and in development prepares) the database, once per dyno, before any worker. */
  prepare: (logger: Logger) => Promise<DatabaseTarget>;
  /** Where log lines go: JSON on stdout unless the development server gives readable lines. */
  logDestination?: DestinationStream | undefined;
  /** The development server's banner says how to sign in, so the dyno need not log it. */
  saysHowToSignIn?: boolean;
}

/**
 * One web process, or with WEB_CONCURRENCY > 1 a cluster primary that prepares the database
 * once and hands it to its workers through their environment. A worker runs the same entry
 * point again and goes straight to serving.
 */
export async function startDyno({
  config,
  prepare,
  logDestination,
  saysHowToSignIn = false,
}: DynoOptions): Promise<void> {
  // Asynchronous writes: a synchronous write per request line cost a tenth of a worker's CPU
  // under load. pino flushes what is buffered when the process exits.
  const logger = createLogger(config.logLevel, logDestination ?? pino.destination({ sync: false }));
  const workers = config.webConcurrency;
  const poolMax = poolPerWorker(config.poolMax, workers);

  if (cluster.isWorker) {
    if (!config.databaseUrl) throw new ConfigError('A worker needs DATABASE_URL from its primary.');
    const { connectionString, behindPooler } = webDatabase(config);
    serveWeb({ config, logger, connectionString, behindPooler, poolMax });
    return;
  }
  warnOfOverriddenNodeEnv(config, logger);
  const database = await prepare(logger);
  if (config.usesDevelopmentPassword && !saysHowToSignIn) {
    logger.info(
      `Sign in with the development password "${config.appPassword}" (set APP_PASSWORD to change it).`,
    );
  }
  if (workers === 1) {
    serveWeb({
      config,
      logger,
      connectionString: database.connectionString,
      behindPooler: database.behindPooler,
      poolMax,
      onStopped: () => database.stop(),
    });
    return;
  }
  runPrimary({
    workers,
    logger,
    // A development session secret is made up per process: workers must share the primary's.
    env: { ...workerDatabaseEnv(database), SESSION_SECRET: config.sessionSecret },
    onStopped: () => database.stop(),
  });
}

/** Workers serve what the primary chose: the pooler, or the database it found or started. */
function workerDatabaseEnv(database: DatabaseTarget): Record<string, string> {
  if (database.behindPooler) return { DATABASE_CONNECTION_POOL_URL: database.connectionString };
  // Blank counts as unset: a pooler in the environment must not outrank a development database.
  return { DATABASE_URL: database.connectionString, DATABASE_CONNECTION_POOL_URL: '' };
}
