import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { createDevSchema } from './devSchema';
import { assertDevelopmentDatabase, type GuardOptions } from './devDatabaseGuard';
import { seedContacts } from './seed';

export interface PrepareOptions extends GuardOptions {
  sampleContacts: number;
  pgSslMode?: string | undefined;
}

/**
 * Gives a local database the app's migrations, as the release phase does on Heroku, and the
 * schema Connect would create, seeding sample contacts only when that schema is new, so a
 * second start never reseeds. Refuses (throws) on a Connect database.
 */
export async function prepareDevelopmentDatabase(
  db: Database,
  options: PrepareOptions,
  log: (message: string) => void,
): Promise<void> {
  const owner = await assertDevelopmentDatabase(db, options);
  await migrate(options, log);
  await createDevSchema(db, options.schema);
  if (owner === 'absent' && options.sampleContacts > 0) {
    const inserted = await seedContacts(db, options.schema, options.sampleContacts);
    log(`Seeded ${inserted} sample contacts into ${options.schema}.contact`);
  }
}
