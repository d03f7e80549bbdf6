import 'dotenv/config';
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config';
import { ensureListIndexes } from './contacts/list/indexes';
import { configuredDatabase } from './db/configuredDatabase';
import { guardOptionsFor } from './dev/devDatabaseGuard';
import { databaseTarget } from './dev/localDatabase';
import { prepareDevelopmentDatabase } from './dev/prepareDevelopmentDatabase';
import { startEmbeddedEmulator } from './emulator/embeddedEmulator';
import { startLocalLoginEmulator } from './loginEmulator/localLoginEmulator';
import type { DatabaseTarget } from './process/databaseTarget';
import { startDyno } from './process/startDyno';
import { runMain } from './process/runMain';

/**
 * `npm start` and `heroku local -f Procfile.dev`: the app for local development. It serves
 * DATABASE_URL when set, and otherwise starts an embedded PostgreSQL; either way it gives the
 * database the app's migrations, the schema Connect would create, sample contacts and the
 * list's indexes (production gets the migrations and indexes from the release phase), and
 * without DATABASE_URL the Connect emulator too.
 * Without SALESFORCE_CLIENT_ID, a Salesforce login emulator offers sample users to sign in as.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.isProduction) {
    throw new ConfigError(
      'NODE_ENV is production: run `node dist/server.js` (the Procfile) instead of the development server.',
    );
  }
  // Workers get the emulator's settings in their environment from the primary that started it.
  const localSignIn = cluster.isPrimary ? await startLocalLoginEmulator(config) : null;
  await startDyno({
    config: localSignIn?.config ?? config,
    prepare: async (logger) => {
      if (localSignIn) logger.info(localSignIn.howToSignIn);
      const target = await prepareLocalDatabase(config, logger);
      return {
        ...target,
        stop: async () => {
          await localSignIn?.emulator.close();
          await target.stop();
        },
      };
    },
  });
}

/**
 * Failures in development preparation are logged, not fatal: the app still serves whatever
 * is there.
 */
async function prepareLocalDatabase(config: Config, logger: Logger): Promise<DatabaseTarget> {
  const log = (message: string) => {
    logger.info(message);
  };
  const warn = (what: string) => (error: unknown) => {
    logger.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };
  const target = await databaseTarget(config, log);
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
      pgSslMode: config.pgSslMode,
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

runMain(main);
