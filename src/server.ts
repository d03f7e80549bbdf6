import 'dotenv/config';
import cluster from 'node:cluster';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { prepareDatabase } from './process/prepareDatabase';
import { runPrimary } from './process/primary';
import { serveWeb } from './process/web';
import { poolPerWorker, workerCount } from './process/workerCount';

/**
 * `node dist/server.js`: one web process, or with WEB_CONCURRENCY > 1 a cluster primary that
 * prepares the database once and hands it to its workers through their environment.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Asynchronous writes: a synchronous write per request line cost a tenth of a worker's CPU
  // under load. pino flushes what is buffered when the process exits.
  const logger = createLogger(config.logLevel, pino.destination({ sync: false }));
  const workers = workerCount(process.env);
  const poolMax = poolPerWorker(config.poolMax, workers);

  if (cluster.isWorker) {
    if (!config.databaseUrl) throw new ConfigError('A worker needs DATABASE_URL from its primary.');
    serveWeb({ config, logger, connectionString: config.databaseUrl, poolMax });
    return;
  }
  const database = await prepareDatabase(config, logger);
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

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
