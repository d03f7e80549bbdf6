import 'dotenv/config';
import { loadProductionConfig } from './config';
import { webDatabase } from './process/databaseTarget';
import { startDyno } from './process/startDyno';
import { runMain } from './process/runMain';

/**
 * `node dist/server.js`, the Procfile's web process: serves DATABASE_URL, through Heroku's
 * connection pooling (DATABASE_CONNECTION_POOL_URL) when it is attached, with production rules
 * whatever NODE_ENV says.
 * Local development starts from devServer.ts instead. A review app (CONTACT_CARD_DEMO=true)
 * runs the demo, which brings the Connect emulator along.
 */
async function main(): Promise<void> {
  const config = loadProductionConfig();
  if (config.demo) {
    // Loaded only for a demo, so a production dyno never loads development code at all.
    const { serveDemo } = await import('./demo/demoDyno.js');
    await serveDemo(config);
    return;
  }
  await startDyno({ config, prepare: () => Promise.resolve(webDatabase(config)) });
}

runMain(main);
