import { ACCOUNT_OBJECT, CONTACT_OBJECT, objectTable, USER_OBJECT } from '../connect/mappedObject';
import type { Database } from '../db/database';
import { assertDevelopmentDatabase, type GuardOptions } from '../dev/devDatabaseGuard';
import { objectTriggersSql, triggerLogTablesSql } from './triggerSql';

/** The development schema is not there yet (the app or `npm run seed` creates it). */
export class ContactTableMissingError extends Error {}

/** Contact is required; Account and User get Connect's triggers only where they are mapped. */
const OBJECTS = [CONTACT_OBJECT, ACCOUNT_OBJECT, USER_OBJECT];

/**
 * Installs what Heroku Connect would add to the development database: the trigger log with its
 * archive and the status and log triggers on `contact`, and on `account` and `"user"` when
 * those are mapped. Safe to run again at every start.
 * Refuses (RefusedDatabaseError) anywhere the guard does, above all on a real Connect schema.
 */
export async function installConnectEmulator(db: Database, options: GuardOptions): Promise<void> {
  await assertDevelopmentDatabase(db, options);
  const { schema } = options;
  await db.withTransaction(async (client) => {
    // The same lock createDevSchema takes, so installing never races schema creation.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact-card:${schema}`]);
    const tables = await client.query<{ name: string; present: boolean }>(
      `SELECT t.name, to_regclass(t.qualified) IS NOT NULL AS present
         FROM unnest($1::text[], $2::text[]) AS t(name, qualified)`,
      [OBJECTS.map((o) => o.table), OBJECTS.map((o) => objectTable(o, schema))],
    );
    const present = new Set(tables.rows.filter((t) => t.present).map((t) => t.name));
    if (!present.has(CONTACT_OBJECT.table)) {
      throw new ContactTableMissingError(
        `${schema}.contact does not exist yet. Start the app once (npm start) or run npm run seed to create the development schema.`,
      );
    }
    await client.query('CREATE EXTENSION IF NOT EXISTS hstore');
    const extension = await client.query<{ schema: string }>(
      `SELECT quote_ident(n.nspname) AS schema
         FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'hstore'`,
    );
    const hstoreSchema = extension.rows[0]?.schema ?? 'public';
    for (const sql of triggerLogTablesSql(schema)) await client.query(sql);
    for (const object of OBJECTS.filter((o) => present.has(o.table))) {
      for (const sql of objectTriggersSql(schema, hstoreSchema, object)) await client.query(sql);
    }
  });
}
