import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { productionDatabase } from './process/databaseTarget';
import { startDyno } from './process/startDyno';

/**
 * `node dist/server.js`, the Procfile's web process: serves DATABASE_URL and nothing else.
 * Local development starts from devServer.ts instead.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await startDyno({ config, prepare: () => Promise.resolve(productionDatabase(config)) });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
