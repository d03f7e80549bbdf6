import 'dotenv/config';
import { loadConfig } from '../config';
import { ensureAccountIndexes } from '../accounts/list/indexes';
import { ensureListIndexes } from '../contacts/list/indexes';
import { ensureDuplicateIndexes } from '../connect/duplicateIndexes';
import { configuredDatabase } from '../db/configuredDatabase';
import { seedContacts } from '../dev/seed';
import { createLogger } from '../logger';
import { productionDatabase } from '../process/databaseTarget';
import { duringDemoSetup, prepareDemoSchema } from './demoSchema';
import { runMain } from '../process/runMain';

/**
 * A review app's `postdeploy` script (app.json `environments.review`), run once after its first
 * release: the development schema, SAMPLE_CONTACTS sample contacts and the list's indexes, in
 * the app's own Heroku Postgres. It runs only in demo mode and never where Connect is present.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.demo) {
    throw new Error(
      'The demo seed runs only with CONTACT_CARD_DEMO=true (app.json sets it for review apps).',
    );
  }
  const { connectionString } = productionDatabase(config);
  const logger = createLogger(config.logLevel);
  const log = (message: string) => {
    logger.info(message);
  };
  // Seeding and indexing a fresh table take longer than any request may.
  const db = configuredDatabase(config, {
    connectionString,
    logger,
    poolMax: 2,
    statementTimeoutMs: 600_000,
  });
  try {
    await duringDemoSetup(db, config.connectSchema, async () => {
      await prepareDemoSchema(db, config, connectionString, log);
      const inserted = await seedContacts(db, config.connectSchema, config.sampleContacts);
      log(`Seeded ${inserted} sample contacts into ${config.connectSchema}.contact`);
      const visibility = { visibility: config.contactVisibility };
      await ensureListIndexes(db, config.connectSchema, log, log, visibility);
      await ensureAccountIndexes(db, config.connectSchema, log, log, visibility);
      await ensureDuplicateIndexes(db, config.connectSchema, log);
    });
  } finally {
    await db.close();
  }
}

runMain(main);
