import type { Logger } from 'pino';
import type { Config } from '../config';
import { ensureListIndexes } from '../contacts/listIndexes';
import { configuredDatabase } from '../db/configuredDatabase';
import { guardOptionsFor } from '../dev/devDatabaseGuard';
import { databaseTarget, type DatabaseTarget } from '../dev/localDatabase';
import { startEmbeddedEmulator } from '../dev/embeddedEmulator';
import { prepareDevelopmentDatabase } from '../dev/prepareDevelopmentDatabase';

/**
 * Finds the database once per dyno, before any worker starts: DATABASE_URL, or in development
 * an embedded PostgreSQL with the schema Connect would create, sample contacts and the list's
 * indexes (which production gets from the release phase). Failures in development preparation
 * are logged, not fatal: the app still serves whatever is there.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<DatabaseTarget> {
  const log = (message: string) => {
    logger.info(message);
  };
  const warn = (what: string) => (error: unknown) => {
    logger.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };
  const target = await databaseTarget(config, log);
  if (config.isProduction) return target;

  const db = configuredDatabase(config, {
    connectionString: target.connectionString,
    logger,
    poolMax: 2,
  });
  const prepared = await prepareDevelopmentDatabase(
    db,
    {
      ...guardOptionsFor(config, target.connectionString),
      sampleContacts: config.sampleContacts,
    },
    log,
  ).then(() => true, warn('Development schema not prepared'));
  // Installed before indexing starts: its CREATE TRIGGER and CREATE INDEX CONCURRENTLY deadlock.
  const stopEmulator =
    prepared && !config.databaseUrl
      ? await startEmbeddedEmulator(config, target.connectionString, logger).catch(
          (error: unknown) => {
            warn('Connect emulator not started')(error);
            return () => Promise.resolve();
          },
        )
      : () => Promise.resolve();
  // In the background: indexing a freshly seeded million rows takes minutes, and the app can
  // answer (more slowly) meanwhile. A build cut short by Ctrl-C is repaired on the next start.
  const indexing = prepared
    ? ensureListIndexes(db, config.connectSchema, log).catch(warn('Indexes not created'))
    : Promise.resolve();
  void indexing.finally(() => db.close());
  return {
    connectionString: target.connectionString,
    stop: async () => {
      await stopEmulator();
      await target.stop();
    },
  };
}
