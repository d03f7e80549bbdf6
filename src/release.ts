import 'dotenv/config';
import { removeExpiredEntries } from './audit/retention';
import { loadConfig } from './config';
import { ensureListIndexes } from './contacts/list/indexes';
import { configuredDatabase } from './db/configuredDatabase';
import { createLogger } from './logger';
import { productionDatabase } from './process/databaseTarget';
import { runMain } from './process/runMain';

/**
 * The Procfile's `release` command: runs before each release boots. It creates the indexes the
 * list needs, concurrently, so Connect's sync and the running dynos carry on meanwhile. It is a
 * no-op (exit 0) before Connect has created the table, so the first deploy succeeds. Then it
 * removes the audit entries older than AUDIT_RETENTION_DAYS, in short batches.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const log = (message: string) => {
    logger.info(message);
  };
  const target = productionDatabase(config);
  const db = configuredDatabase(config, {
    connectionString: target.connectionString,
    logger,
    poolMax: 1,
  });
  try {
    await ensureListIndexes(db, config.connectSchema, log);
    await removeExpiredEntries(db, config.auditRetentionDays, { log });
  } finally {
    await db.close();
  }
}

runMain(main);
