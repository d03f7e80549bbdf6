import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../paths';
import { sslFor, withoutSslMode } from './ssl';

/** The SQL files that define the app's own schema, one per change, applied in name order. */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

/**
 * node-pg-migrate's bookkeeping, in the app's schema: Connect refuses to run with tables of
 * anyone else's in `salesforce`. The table keeps the library's default name, so its CLI needs
 * only `--migrations-schema contact_card`.
 */
export const MIGRATIONS_SCHEMA = 'contact_card';
export const MIGRATIONS_TABLE = 'pgmigrations';

export interface MigrationTarget {
  /** A direct connection: the lock is a session's, which a transaction-mode pooler cannot keep. */
  connectionString: string;
  pgSslMode?: string | undefined;
}

/**
 * Applies every migration this release has that the database lacks, and returns their names.
 * node-pg-migrate's advisory lock makes a second process (another dyno's release, a review
 * app's postdeploy beside its web dyno) wait for the first and then find nothing left to do.
 * All pending migrations run in one transaction: a database is at one release's schema or the
 * one before, never half-way.
 */
export async function migrate(
  target: MigrationTarget,
  log: (message: string) => void,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  // node-pg-migrate is an ES module: loaded on demand, and only by the commands that migrate.
  const { runner } = await import('node-pg-migrate');
  // A client of our own, ended before this returns: given a URL, the runner ends its client
  // without waiting, and a template database must have no session left when it is copied.
  const client = new pg.Client({
    connectionString: withoutSslMode(target.connectionString),
    ssl: sslFor(target.connectionString, target.pgSslMode),
    application_name: 'contact-card-migrations',
  });
  // A lost connection fails the running query; without a listener it would crash the process.
  client.on('error', (error) => {
    log(`Migration connection lost: ${error.message}`);
  });
  await client.connect();
  const applied = await runner({
    dbClient: client,
    dir,
    migrationsSchema: MIGRATIONS_SCHEMA,
    createMigrationsSchema: true,
    migrationsTable: MIGRATIONS_TABLE,
    direction: 'up',
    singleTransaction: true,
    advisoryLockMode: 'wait',
    // Its progress lines repeat the summary below; its warnings and errors (with the failing
    // SQL) are worth keeping.
    logger: { info: () => undefined, warn: log, error: log },
  }).finally(() => client.end());
  const names = applied.map((migration) => migration.name);
  log(
    names.length > 0
      ? `Applied migrations: ${names.join(', ')}`
      : 'Migrations: the database is up to date.',
  );
  return names;
}

/** The migrations this release expects, by the names node-pg-migrate records them under. */
export function expectedMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => path.basename(file, '.sql'))
    .sort();
}
