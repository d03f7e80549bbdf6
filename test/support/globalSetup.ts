import pg from 'pg';
import { createDatabase } from '../../src/db/database';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { makeSharedBuild } from './sharedBuild';
import { startTestDatabaseServer } from './testDatabaseServer';
import { databaseUrl, templateDatabase } from './databaseNames';

/**
 * Compiles the app once, starts Postgres once and builds a template database that each test
 * file clones.
 */
export default async function globalSetup(): Promise<void> {
  const { adminUrl, server } = await startTestDatabaseServer();
  (globalThis as { testDatabaseServer?: unknown }).testDatabaseServer = server;
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  process.env.TEST_RUN_ID = String(process.pid);
  process.env.TEST_BUILD_DIR = await makeSharedBuild(process.env.TEST_RUN_ID);
  const template = templateDatabase();

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const db = createDatabase({
    connectionString: databaseUrl(adminUrl, template),
    poolMax: 1,
    statementTimeoutMs: 30_000,
    logger: createLogger('silent'),
  });
  try {
    await createDevSchema(db, 'salesforce');
  } finally {
    await db.close();
  }
}
