import {
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  objectTable,
  USER_OBJECT,
  type MappedObject,
} from '../connect/mappedObject';
import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { DEV_SCHEMA_MARK } from './schemaOwnership';

/** The columns Connect adds to every mapped table. */
const SYSTEM_COLUMNS_DDL = `
        id serial PRIMARY KEY,
        sfid varchar(18),
        systemmodstamp timestamp,
        createddate timestamp,
        isdeleted boolean,
        _hc_lastop varchar(32),
        _hc_err text`;

/** Contact's lookups to its account and owner, and the relationship External ID (relationship.ts). */
const ADDED_CONTACT_COLUMNS = [
  'accountid varchar(18)',
  'ownerid varchar(18)',
  'account__external_account_id__c varchar(32)',
];

/** The indexes Connect makes on a mapped table: sfid, systemmodstamp and the External ID. */
function connectIndexesSql(schema: string, object: MappedObject): string[] {
  const table = objectTable(object, schema);
  const index = (unique: boolean, column: string) =>
    `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS
       ${quoteIdentifier(`${unique ? 'hcu' : 'hc'}_idx_${object.table}_${column}`)}
       ON ${table} (${quoteIdentifier(column)})`;
  const sql = [index(true, 'sfid'), index(false, 'systemmodstamp')];
  if (object.externalIdColumn !== null) sql.push(index(true, object.externalIdColumn));
  return sql;
}

/**
 * The layout Heroku Connect creates for the Contact, Account and User mappings: its system
 * columns, the mapped fields as varchar with Salesforce's lengths, and the External ID used as
 * the upsert key.
 * Call only after assertDevelopmentDatabase() has said the schema is absent or ours.
 */
export async function createDevSchema(db: Database, schema: string): Promise<void> {
  const s = quoteIdentifier(schema);
  const contact = objectTable(CONTACT_OBJECT, schema);
  const account = objectTable(ACCOUNT_OBJECT, schema);
  const user = objectTable(USER_OBJECT, schema);
  await db.withTransaction(async (client) => {
    // Concurrent starts (workers, a test run) must not race to create the same objects.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact-card:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`COMMENT ON SCHEMA ${s} IS '${DEV_SCHEMA_MARK}'`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${contact} (
        ${SYSTEM_COLUMNS_DDL},
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
        external_contact_id__c varchar(32),
        ${ADDED_CONTACT_COLUMNS.join(',\n')}
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${account} (
        ${SYSTEM_COLUMNS_DDL},
        name varchar(255),
        website varchar(255),
        phone varchar(40),
        industry varchar(40),
        type varchar(40),
        billingstreet varchar(255),
        billingcity varchar(40),
        billingstate varchar(80),
        billingpostalcode varchar(20),
        billingcountry varchar(80),
        description text,
        ownerid varchar(18),
        external_account_id__c varchar(32)
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${user} (
        ${SYSTEM_COLUMNS_DDL},
        name varchar(121),
        email varchar(128),
        isactive boolean
      )`);
    // A development database made before accounts and owners were mapped gains their columns.
    for (const column of ADDED_CONTACT_COLUMNS) {
      await client.query(`ALTER TABLE ${contact} ADD COLUMN IF NOT EXISTS ${column}`);
    }
    for (const object of [CONTACT_OBJECT, ACCOUNT_OBJECT, USER_OBJECT]) {
      for (const sql of connectIndexesSql(schema, object)) await client.query(sql);
    }
  });
}
