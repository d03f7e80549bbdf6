import 'dotenv/config';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/database';
import { databaseTarget } from './dev/localDatabase';
import { prepareDevelopmentDatabase } from './dev/prepareDevelopmentDatabase';
import { createLogger } from './logger';

// Heroku sends SIGKILL 30 s after SIGTERM; finish well before that.
const SHUTDOWN_DEADLINE_MS = 20_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const log = (message: string) => {
    logger.info(message);
  };

  const target = await databaseTarget(config, log);
  const db = createDatabase({
    connectionString: target.connectionString,
    pgSslMode: config.pgSslMode,
    poolMax: config.poolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    logger,
  });
  if (!config.isProduction) {
    await prepareDevelopmentDatabase(
      db,
      {
        connectionString: target.connectionString,
        schema: config.connectSchema,
        isProduction: config.isProduction,
        allowRemote: config.devDatabaseAllowRemote,
        sampleContacts: config.sampleContacts,
      },
      log,
    ).catch((error: unknown) => {
      // The app still serves whatever is there (a Connect schema, or the welcome page).
      logger.warn(
        `Development schema not prepared: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  const server = createApp({ db, config, logger }).listen(config.port, '0.0.0.0', () => {
    logger.info(`Contact Card is listening on http://localhost:${config.port}`);
    if (config.usesDevelopmentPassword) {
      logger.info(
        `Sign in with the development password "${config.appPassword}" (set APP_PASSWORD to change it).`,
      );
    }
  });
  onShutdownSignal(
    server,
    async () => {
      await db.close();
      await target.stop();
    },
    logger,
  );
}

function onShutdownSignal(
  server: Server,
  closeResources: () => Promise<void>,
  logger: ReturnType<typeof createLogger>,
): void {
  const shutdown = (signal: string) => {
    logger.info(`${signal}: finishing in-flight requests, then exiting`);
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    server.close(() => {
      closeResources().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
