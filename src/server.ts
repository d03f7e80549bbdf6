import 'dotenv/config';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { productionDatabase } from './process/databaseTarget';
import { startDyno } from './process/startDyno';

/**
 * `node dist/server.js`, the Procfile's web process: serves DATABASE_URL and nothing else.
 * Local development starts from devServer.ts instead.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Asynchronous writes: a synchronous write per request line cost a tenth of a worker's CPU
  // under load. pino flushes what is buffered when the process exits.
  const logger = createLogger(config.logLevel, pino.destination({ sync: false }));
  await startDyno({ config, logger, prepare: () => Promise.resolve(productionDatabase(config)) });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
