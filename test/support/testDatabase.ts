import pg from 'pg';
import { createDatabase, type Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import {
  databaseUrl,
  migratedTemplateDatabase,
  newTestDatabaseName,
  templateDatabase,
} from './databaseNames';

export interface TestDatabase {
  db: Database;
  url: string;
  /** Closes this file's connections; globalTeardown drops the database. */
  close(): Promise<void>;
}

/**
 * A database of this test file's own, so files run in parallel without seeing each other's rows.
 * `withSchema: false` gives a database without Connect's schema, as right after "Deploy to
 * Heroku" and its release phase: the app's migrations are applied. `migrated: false` leaves
 * those out too, for tests of a database the release phase has not reached.
 */
export async function createTestDatabase({
  withSchema = true,
  migrated = true,
}: { withSchema?: boolean; migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_ADMIN_DATABASE_URL is set by jest globalSetup');
  if (withSchema && !migrated) throw new Error('the development schema comes with migrations');
  const name = newTestDatabaseName();
  const template = withSchema ? templateDatabase() : migrated ? migratedTemplateDatabase() : null;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = databaseUrl(adminUrl, name);
  // With TEST_POOLER_URL (CI's PgBouncer run), the pool goes through a transaction-mode pooler
  // as a web dyno's does on Heroku; creating databases and `url` stay on the server itself.
  const poolerUrl = process.env.TEST_POOLER_URL;
  const db = createDatabase({
    connectionString: poolerUrl ? databaseUrl(poolerUrl, name) : url,
    behindPooler: Boolean(poolerUrl),
    poolMax: 5,
    // Under jest's 30 s test timeout, so a stuck query fails with its own error, yet long enough
    // for a test's set-up (seeding thousands of rows) on a machine whose disk is busy.
    statementTimeoutMs: 25_000,
    logger: createLogger('silent'),
  });
  return { db, url, close: () => db.close() };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
