import { contactTable } from '../connect/contactTable';
import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { DEV_SCHEMA_MARK } from './schemaOwnership';

/**
 * The layout Heroku Connect creates for a Contact mapping: its system columns, the mapped
 * fields as varchar with Salesforce's lengths, and the External ID used as the upsert key.
 * Call only after assertDevelopmentDatabase() has said the schema is absent or ours.
 */
export async function createDevSchema(db: Database, schema: string): Promise<void> {
  const s = quoteIdentifier(schema);
  const contact = contactTable({ schema });
  await db.withTransaction(async (client) => {
    // Concurrent starts (workers, a test run) must not race to create the same objects.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact-card:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`COMMENT ON SCHEMA ${s} IS '${DEV_SCHEMA_MARK}'`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${contact} (
        id serial PRIMARY KEY,
        sfid varchar(18),
        systemmodstamp timestamp,
        createddate timestamp,
        isdeleted boolean,
        _hc_lastop varchar(32),
        _hc_err text,
        name varchar(121),
        firstname varchar(40),
        lastname varchar(80),
        title varchar(128),
        department varchar(80),
        email varchar(80),
        phone varchar(40),
        mobilephone varchar(40),
        mailingstreet varchar(255),
        mailingcity varchar(40),
        mailingstate varchar(80),
        mailingpostalcode varchar(20),
        mailingcountry varchar(80),
        description varchar(32000),
        external_contact_id__c varchar(32)
      )`);
    await client.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS hcu_idx_contact_sfid ON ${contact} (sfid)`,
    );
    await client.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS hcu_idx_contact_external_contact_id__c
         ON ${contact} (external_contact_id__c)`,
    );
    await client.query(
      `CREATE INDEX IF NOT EXISTS hc_idx_contact_systemmodstamp ON ${contact} (systemmodstamp)`,
    );
  });
}
