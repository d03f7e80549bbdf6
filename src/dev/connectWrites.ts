import type { Database, Queryable } from '../db/database';

/**
 * Heroku Connect's triggers ignore the writes Connect itself makes (sfid, status, changes
 * from Salesforce): it marks its own database sessions. The emulator marks a transaction with
 * this setting instead, and its triggers skip any write made while it is 'on'.
 */
export const CONNECT_WRITER_SETTING = 'contact_card.connect_writer';

/** Runs `work` in one transaction whose writes count as Connect's, so they are never captured. */
export function asConnect<T>(db: Database, work: (client: Queryable) => Promise<T>): Promise<T> {
  return db.withTransaction(async (client) => {
    await client.query("SELECT set_config($1, 'on', true)", [CONNECT_WRITER_SETTING]);
    return work(client);
  });
}
