import type { Logger } from 'pino';
import type { Config } from '../config';
import { configuredDatabase } from '../db/configuredDatabase';
import { startEmbeddedEmulator } from '../emulator/embeddedEmulator';
import { productionDatabase, type DatabaseTarget } from '../process/databaseTarget';
import { startDyno } from '../process/startDyno';
import { duringDemoSetup, prepareDemoSchema } from './demoSchema';

/**
 * The web dyno of a demo (CONTACT_CARD_DEMO=true, which app.json sets for review apps): the
 * production server on the app's own Heroku Postgres, with the development schema in it and the
 * Connect emulator running in the primary process, so writes go PENDING → synced without
 * Salesforce. The sample contacts come from the postdeploy script.
 */
export async function serveDemo(config: Config): Promise<void> {
  await startDyno({ config, prepare: (logger) => prepareDemo(config, logger) });
}

/** Every failure is fatal: a demo that cannot run its emulator must not serve as if it could. */
async function prepareDemo(config: Config, logger: Logger): Promise<DatabaseTarget> {
  const { connectionString } = productionDatabase(config);
  // Waits while a postdeploy script seeds and indexes, yet gives up inside Heroku's 60 s boot.
  const db = configuredDatabase(config, {
    connectionString,
    logger,
    poolMax: 2,
    statementTimeoutMs: 45_000,
  });
  try {
    const stopEmulator = await duringDemoSetup(db, config.connectSchema, async () => {
      await prepareDemoSchema(db, config, connectionString, (message) => {
        logger.info(message);
      });
      return startEmbeddedEmulator(config, connectionString, logger);
    });
    logger.info('Demo mode: sample data and the Connect emulator; no Salesforce org is involved.');
    return { connectionString, stop: stopEmulator };
  } finally {
    await db.close();
  }
}
