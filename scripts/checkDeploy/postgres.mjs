import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { URL } from 'node:url';
import pg from 'pg';
import { CheckFailure } from './failure.mjs';

/** Databases the check creates on the machine's PostgreSQL, dropped again by `dropAll`. */
export function databases(adminUrl) {
  const created = [];
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    async create() {
      const name = `contact_card_deploy_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`).catch((error) => {
        const server = new URL(adminUrl).host;
        throw new CheckFailure(
          `cannot create a database on PostgreSQL at ${server}: ${error.message}\n` +
            'Start it, or point CHECK_DEPLOY_POSTGRES_URL at a server where postgres may create databases.',
        );
      });
      created.push(name);
      return urlOf(name);
    },
    async dropAll() {
      for (const name of created.splice(0))
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Gives a database the table Heroku Connect would have created, using the app's own compiled
 * dev schema from the built copy, so the check follows the app's idea of Connect's layout.
 */
export async function addContactTable(appDir, databaseUrl) {
  const require = createRequire(path.join(appDir, 'package.json'));
  const { createDevSchema } = require('./dist/dev/devSchema.js');
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const db = {
    query: (text, params) => client.query(text, params),
    async withTransaction(work) {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
  try {
    await createDevSchema(db, 'salesforce');
  } finally {
    await client.end();
  }
}
