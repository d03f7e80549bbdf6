import { randomBytes } from 'node:crypto';

/** Unique per jest run, so runs against one server (CI, a developer's two terminals) don't collide. */
export function runDatabasePrefix(): string {
  const runId = process.env.TEST_RUN_ID;
  if (!runId) throw new Error('TEST_RUN_ID is set by jest globalSetup');
  return `contact_card_${runId}`;
}

/** Holds the app's migrations and the development schema; most test files' databases copy it. */
export function templateDatabase(): string {
  return `${runDatabasePrefix()}_template`;
}

/** Holds only the app's migrations: a database after "Deploy to Heroku" and its release phase. */
export function migratedTemplateDatabase(): string {
  return `${runDatabasePrefix()}_migrated`;
}

export function newTestDatabaseName(): string {
  return `${runDatabasePrefix()}_test_${randomBytes(6).toString('hex')}`;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
