import { contactTable } from '../connect/contactTable';
import type { Database } from '../db/database';
import { assertDevelopmentDatabase, type GuardOptions } from '../dev/devDatabaseGuard';
import { contactTriggersSql, triggerLogTablesSql } from './triggerSql';

/** The development schema is not there yet (the app or `npm run seed` creates it). */
export class ContactTableMissingError extends Error {}

/**
 * Installs what Heroku Connect would add to the development database: the trigger log with its
 * archive and the status and log triggers on `contact`. Safe to run again at every start.
 * Refuses (RefusedDatabaseError) anywhere the guard does, above all on a real Connect schema.
 */
export async function installConnectEmulator(db: Database, options: GuardOptions): Promise<void> {
  await assertDevelopmentDatabase(db, options);
  const { schema } = options;
  await db.withTransaction(async (client) => {
    // The same lock createDevSchema takes, so installing never races schema creation.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact-card:${schema}`]);
    const table = await client.query<{ present: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS present',
      [contactTable({ schema })],
    );
    if (!table.rows[0]?.present) {
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
    for (const sql of contactTriggersSql(schema, hstoreSchema)) await client.query(sql);
  });
}
