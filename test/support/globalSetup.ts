import pg from 'pg';
import { createDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { makeSharedBuild } from './sharedBuild';
import { startTestDatabaseServer } from './testDatabaseServer';
import { databaseUrl, migratedTemplateDatabase, templateDatabase } from './databaseNames';

/**
 * Compiles the app once, starts Postgres once and builds the template databases that each test
 * file clones: both have the app's migrations, as the release phase gives every deployment;
 * one has the development schema too.
 */
export default async function globalSetup(): Promise<void> {
  const { adminUrl, server } = await startTestDatabaseServer();
  (globalThis as { testDatabaseServer?: unknown }).testDatabaseServer = server;
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  process.env.TEST_RUN_ID = String(process.pid);
  process.env.TEST_BUILD_DIR = await makeSharedBuild(process.env.TEST_RUN_ID);
  await Promise.all([
    makeTemplate(adminUrl, migratedTemplateDatabase()),
    makeTemplate(adminUrl, templateDatabase(), withDevelopmentSchema),
  ]);
}

async function makeTemplate(
  adminUrl: string,
  template: string,
  more?: (url: string) => Promise<void>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(adminUrl, template);
  await migrate({ connectionString: url }, () => undefined);
  await more?.(url);
}

async function withDevelopmentSchema(url: string): Promise<void> {
  const db = createDatabase({
    connectionString: url,
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
