import type { Config } from '../config';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { createDevSchema } from '../dev/devSchema';
import {
  assertDevelopmentDatabase,
  guardOptionsFor,
  RefusedDatabaseError,
} from '../dev/devDatabaseGuard';

/**
 * Gives a demo's own database the app's migrations and the development schema, after the same
 * checks the development tools make: never where Heroku Connect is present. The release phase
 * has applied the migrations already on Heroku; here they cover a demo started without one.
 * The web dyno and the postdeploy script both call it, in whichever order they start; a second
 * call changes nothing.
 */
export async function prepareDemoSchema(
  db: Database,
  config: Config,
  connectionString: string,
  log: (message: string) => void,
): Promise<void> {
  try {
    await assertDevelopmentDatabase(db, guardOptionsFor(config, connectionString));
  } catch (error) {
    if (!(error instanceof RefusedDatabaseError)) throw error;
    throw new RefusedDatabaseError(`Demo mode (CONTACT_CARD_DEMO) refused: ${error.message}`, {
      cause: error,
    });
  }
  await migrate({ connectionString, pgSslMode: config.pgSslMode }, log);
  await createDevSchema(db, config.connectSchema);
}

/**
 * Runs a demo's set-up while no other process sets it up. The web dyno installs the emulator's
 * triggers and the postdeploy script builds indexes concurrently; CREATE TRIGGER and CREATE
 * INDEX CONCURRENTLY on one table deadlock, and Heroku may start both at the same time. The
 * lock is a session's, held on a connection of its own, so `work` needs one more in its pool.
 */
export function duringDemoSetup<T>(db: Database, schema: string, work: () => Promise<T>) {
  return db.withClient(
    async (client) => {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`contact-card-demo:${schema}`]);
      return work();
    },
    // Ending the session releases the lock, even if `work` failed half-way.
    { discardAfter: true },
  );
}
