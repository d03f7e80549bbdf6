import 'dotenv/config';
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { ensureAccountIndexes } from './accounts/list/indexes';
import { ConfigError, loadConfig, type Config } from './config';
import { ensureListIndexes } from './contacts/list/indexes';
import { ensureDuplicateIndexes } from './connect/duplicateIndexes';
import { configuredDatabase } from './db/configuredDatabase';
import { guardOptionsFor } from './dev/devDatabaseGuard';
import { databaseTarget } from './dev/localDatabase';
import { startLocalWorker } from './dev/localWorker';
import { prepareDevelopmentDatabase } from './dev/prepareDevelopmentDatabase';
import { startBanner } from './dev/startBanner';
import { terminalLogDestination } from './dev/terminalLogs';
import { startEmbeddedEmulator } from './emulator/embeddedEmulator';
import { startLocalLoginEmulator } from './loginEmulator/localLoginEmulator';
import { SAMPLE_SALESFORCE_USERS } from './loginEmulator/sampleUsers';
import type { DatabaseTarget } from './process/databaseTarget';
import { startDyno } from './process/startDyno';
import { runMain } from './process/runMain';

/**
 * `npm start` and `heroku local -f Procfile.dev`: the app for local development. It serves
 * DATABASE_URL when set, and otherwise starts an embedded PostgreSQL; either way it gives the
 * database the app's migrations, the schema Connect would create, sample contacts and the
 * list's indexes (production gets the migrations and indexes from the release phase), and
 * without DATABASE_URL the Connect emulator too.
 * The Procfile's worker (CSV imports) runs beside it as a child process.
 * Without SALESFORCE_CLIENT_ID, a Salesforce login emulator offers sample users to sign in as.
 * At a terminal, log lines are readable and a banner sums up the start; piped, they stay JSON.
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
  const logDestination = terminalLogDestination();
  const atTerminal = logDestination !== undefined;
  const dynoConfig = localSignIn?.config ?? config;
  await startDyno({
    config: dynoConfig,
    logDestination,
    saysHowToSignIn: atTerminal,
    prepare: async (logger) => {
      if (localSignIn && !atTerminal) logger.info(localSignIn.howToSignIn);
      const target = await prepareLocalDatabase(config, logger);
      // After the migrations, which give the worker its tables; stopped before the database.
      const worker = startLocalWorker(target.connectionString, logger);
      if (atTerminal) await showBanner(logger, dynoConfig, localSignIn !== null, target);
      return {
        ...target,
        stop: async () => {
          await worker.stop();
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
async function prepareLocalDatabase(
  config: Config,
  logger: Logger,
): Promise<DatabaseTarget & { connectEmulator: boolean }> {
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
  let connectEmulator = false;
  const stopEmulator =
    prepared && !config.databaseUrl
      ? await startEmbeddedEmulator(config, target.connectionString, logger).then(
          (stop) => {
            connectEmulator = true;
            return stop;
          },
          (error: unknown) => {
            warn('Connect emulator not started')(error);
            return () => Promise.resolve();
          },
        )
      : () => Promise.resolve();
  const debug = (message: string) => {
    logger.debug(message);
  };
  const visibility = { visibility: config.contactVisibility };
  // In the background: indexing a freshly seeded million rows takes minutes, and the app can
  // answer (more slowly) meanwhile. A build cut short by Ctrl-C is repaired on the next start.
  const indexing = prepared
    ? ensureListIndexes(db, config.connectSchema, log, debug, visibility)
        // The terminal shows one line for the indexes: the accounts' few add to the debug log.
        .then(() => ensureAccountIndexes(db, config.connectSchema, debug, debug, visibility))
        .then(() => ensureDuplicateIndexes(db, config.connectSchema, debug))
        .catch(warn('Indexes not created'))
    : Promise.resolve();
  void indexing.finally(() => db.close());
  return {
    connectionString: target.connectionString,
    connectEmulator,
    stop: async () => {
      await stopEmulator();
      await target.stop();
    },
  };
}

/** Below the lines logged so far: the logger is flushed first, as it writes from a thread. */
async function showBanner(
  logger: Logger,
  config: Config,
  loginEmulator: boolean,
  database: { connectionString: string; connectEmulator: boolean },
): Promise<void> {
  await new Promise<void>((resolve) => {
    logger.flush(() => {
      resolve();
    });
  });
  process.stdout.write(
    startBanner({
      url: `http://localhost:${config.port}`,
      salesforce: loginEmulator
        ? { emulatorUsers: SAMPLE_SALESFORCE_USERS.map((user) => user.key) }
        : config.salesforce && { loginUrl: config.salesforce.loginUrl },
      developmentPassword: config.usesDevelopmentPassword ? config.appPassword : null,
      embeddedDatabase: config.databaseUrl ? null : database.connectionString,
      connectEmulator: database.connectEmulator,
    }),
  );
}

runMain(main);
