import type { Database } from './database';
import { qualified, quoteIdentifier } from './identifiers';

/** The app's own schema: Connect owns its schema and refuses to run if it holds anything else. */
const APP_SCHEMA = 'contact_card';
const UNDEFINED_TABLE = '42P01';

/** Runs work that uses the table once the table exists. */
export type WithAppTable = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A table of the app's own, `contact_card.<name>`, created on first use so a fresh Heroku
 * database needs no migration step. Each column of `indexedColumns` gets an index of its own;
 * `moreDdl` runs after (multi-column indexes, triggers), so it must be safe to run again.
 * Only the first use in a process pays for the check; if the table was dropped since (say, a
 * database reset), that use fails and the next one creates it again.
 */
export function appTable(
  db: Database,
  name: string,
  columnsDdl: string,
  indexedColumns: readonly string[] = [],
  moreDdl: readonly string[] = [],
): WithAppTable {
  let created: Promise<void> | undefined;
  return async (work) => {
    created ??= createTable(db, name, columnsDdl, indexedColumns, moreDdl).catch(
      (error: unknown) => {
        created = undefined;
        throw error;
      },
    );
    await created;
    return work().catch((error: unknown) => {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) created = undefined;
      throw error;
    });
  };
}

/** The advisory lock makes dynos starting together wait for one another, not race on the catalog. */
async function createTable(
  db: Database,
  name: string,
  columnsDdl: string,
  indexedColumns: readonly string[],
  moreDdl: readonly string[],
): Promise<void> {
  const table = qualified(APP_SCHEMA, name);
  await db.withTransaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${APP_SCHEMA}.${name}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(APP_SCHEMA)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (${columnsDdl})`);
    for (const column of indexedColumns) {
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${name}_${column}`)}
           ON ${table} (${quoteIdentifier(column)})`,
      );
    }
    for (const ddl of moreDdl) await client.query(ddl);
  });
}
