import type { Logger } from 'pino';
import type { Config } from '../config';
import { configuredDatabase } from '../db/configuredDatabase';
import type { Database } from '../db/database';
import { guardOptionsFor, RefusedDatabaseError, type GuardOptions } from '../dev/devDatabaseGuard';
import { databaseTarget } from '../dev/localDatabase';

export interface CommandDatabase {
  db: Database;
  guard: GuardOptions;
  close(): Promise<void>;
}

/**
 * The development database for a command: DATABASE_URL, or the embedded server, shared with a
 * running `npm start` when there is one. The caller still runs the guard before writing.
 */
export async function openDevelopmentDatabase(
  config: Config,
  logger: Logger,
): Promise<CommandDatabase> {
  const target = await databaseTarget(config, (message) => {
    logger.info(message);
  });
  const db = configuredDatabase(config, {
    connectionString: target.connectionString,
    logger,
    poolMax: 2,
  });
  return {
    db,
    guard: guardOptionsFor(config, target.connectionString),
    async close() {
      await db.close();
      await target.stop();
    },
  };
}

/** One line a developer can act on; a refusal says it is deliberate. */
export function commandFailure(error: unknown): string {
  if (error instanceof RefusedDatabaseError) {
    return `The Connect emulator only runs against a local development database, so it stopped: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
