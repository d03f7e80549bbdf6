import type { Logger } from 'pino';
import type { Config } from '../config';
import { configuredDatabase } from '../db/configuredDatabase';
import { guardOptionsFor } from '../dev/devDatabaseGuard';
import { installConnectEmulator } from './install';
import { startConnectEmulator } from './processor';

/**
 * With the embedded default there is no Heroku Connect, so the emulator stands in for it and
 * the sync lifecycle (PENDING → INSERTED/UPDATED/FAILED) is visible locally. With DATABASE_URL
 * it runs only when asked (`npm run emulator`, `heroku local -f Procfile.dev`).
 * Resolves to a function that stops it.
 */
export async function startEmbeddedEmulator(
  config: Config,
  connectionString: string,
  logger: Logger,
): Promise<() => Promise<void>> {
  const db = configuredDatabase(config, { connectionString, logger, poolMax: 2 });
  try {
    await installConnectEmulator(db, guardOptionsFor(config, connectionString));
  } catch (error) {
    await db.close();
    throw error;
  }
  const emulator = startConnectEmulator(db, { schema: config.connectSchema, logger });
  logger.info('Connect emulator is running: writes sync after about 2 s');
  return async () => {
    await emulator.stop();
    await db.close();
  };
}
