import pg from 'pg';
import { createDatabase } from '../../src/db/database';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { startTestDatabaseServer } from './testDatabaseServer';
import { TEMPLATE_DATABASE, databaseUrl } from './databaseNames';

/** Starts Postgres once and builds a template database that each test file clones. */
export default async function globalSetup(): Promise<void> {
  const { adminUrl, server } = await startTestDatabaseServer();
  (globalThis as { testDatabaseServer?: unknown }).testDatabaseServer = server;
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const template = createDatabase({
    connectionString: databaseUrl(adminUrl, TEMPLATE_DATABASE),
    poolMax: 1,
    statementTimeoutMs: 30_000,
    logger: createLogger('silent'),
  });
  try {
    await createDevSchema(template, 'salesforce');
  } finally {
    await template.close();
  }
}
