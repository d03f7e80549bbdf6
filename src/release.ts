import 'dotenv/config';
import { ensureAccountIndexes } from './accounts/list/indexes';
import { removeExpiredEntries } from './audit/retention';
import { loadProductionConfig } from './config';
import { ensureListIndexes } from './contacts/list/indexes';
import { ensureDuplicateIndexes } from './connect/duplicateIndexes';
import { configuredDatabase } from './db/configuredDatabase';
import { migrate } from './db/migrations';
import { createLogger } from './logger';
import { productionDatabase } from './process/databaseTarget';
import { warnOfOverriddenNodeEnv } from './process/productionRules';
import { runMain } from './process/runMain';

/**
 * The Procfile's `release` command: runs before each release boots, and a failure stops the
 * release. First the app's migrations (migrations/, the `contact_card` schema), which the new
 * web dynos need before they serve. Then the indexes the list needs, concurrently, so Connect's
 * sync and the running dynos carry on meanwhile; that step is a no-op before Connect has
 * created the table, so the first deploy succeeds. Then it removes the audit entries older than
 * AUDIT_RETENTION_DAYS, in short batches. Production rules apply whatever NODE_ENV says, so a
 * setting the web dynos would refuse (a weak secret) fails the release, before they boot.
 */
async function main(): Promise<void> {
  const config = loadProductionConfig();
  const logger = createLogger(config.logLevel);
  warnOfOverriddenNodeEnv(config, logger);
  const log = (message: string) => {
    logger.info(message);
  };
  const target = productionDatabase(config);
  await migrate({ connectionString: target.connectionString, pgSslMode: config.pgSslMode }, log);
  const db = configuredDatabase(config, {
    connectionString: target.connectionString,
    logger,
    poolMax: 1,
  });
  try {
    const visibility = { visibility: config.contactVisibility };
    await ensureListIndexes(db, config.connectSchema, log, log, visibility);
    await ensureAccountIndexes(db, config.connectSchema, log, log, visibility);
    await ensureDuplicateIndexes(db, config.connectSchema, log);
    await removeExpiredEntries(db, config.auditRetentionDays, { log });
  } finally {
    await db.close();
  }
}

runMain(main);
