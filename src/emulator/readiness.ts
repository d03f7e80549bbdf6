import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { RefusedDatabaseError } from '../dev/devDatabaseGuard';
import { PROJECT_ROOT } from '../paths';
import { installConnectEmulator } from './install';
import { openDevelopmentDatabase, type CommandDatabase } from './commandDatabase';

const WAIT_ATTEMPTS = 60;
const WAIT_STEP_MS = 2000;

/**
 * Opens the development database and installs the emulator. With `wait` (both processes
 * started together by `heroku local`), it first lets the app start the embedded server, so
 * two processes never start one cluster, then retries until the app has created the schema.
 * A refusal by the guard is final and never retried.
 */
export async function openWhenReady(
  config: Config,
  logger: Logger,
  wait: boolean,
): Promise<CommandDatabase> {
  const attempts = wait ? WAIT_ATTEMPTS : 1;
  if (wait && !config.databaseUrl) await waitForEmbeddedServer(config, attempts);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openAndInstall(config, logger);
    } catch (error) {
      if (error instanceof RefusedDatabaseError || attempt >= attempts) throw error;
      logger.info(
        `Waiting for the app's development database (${error instanceof Error ? error.message : String(error)})`,
      );
      await sleep(WAIT_STEP_MS);
    }
  }
}

async function openAndInstall(config: Config, logger: Logger): Promise<CommandDatabase> {
  const opened = await openDevelopmentDatabase(config, logger);
  try {
    await installConnectEmulator(opened.db, opened.guard);
    return opened;
  } catch (error) {
    await opened.close();
    throw error;
  }
}

// The folder localDatabase.ts gives the embedded cluster; PostgreSQL writes this file on start.
async function waitForEmbeddedServer(config: Config, attempts: number): Promise<void> {
  const pidFile = path.resolve(PROJECT_ROOT, config.dataDir, 'postgres', 'postmaster.pid');
  for (let attempt = 1; attempt <= attempts && !existsSync(pidFile); attempt += 1) {
    await sleep(WAIT_STEP_MS / 2);
  }
}
