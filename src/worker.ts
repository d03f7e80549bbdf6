import 'dotenv/config';
import pino from 'pino';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { productionDatabase } from './process/databaseTarget';
import { runMain } from './process/runMain';
import { serveWorker } from './process/worker';

/**
 * `node dist/worker.js`, the Procfile's worker process: writes confirmed CSV imports in the
 * background (docs/import.md). Always on DATABASE_URL itself, never the pooler: a chunk holds
 * its locks for its whole transaction. `npm start` runs one beside the web process.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, pino.destination({ sync: false }));
  await serveWorker({
    config,
    logger,
    connectionString: productionDatabase(config).connectionString,
  });
}

runMain(main);
