import pg from 'pg';
import type { EmbeddedServer } from '../../src/dev/embeddedPostgres';
import { runDatabasePrefix } from './databaseNames';
import { removeSharedBuild } from './sharedBuild';

/**
 * Drops this run's databases once every file is done. Each DROP DATABASE forces a checkpoint,
 * which took seconds while other files were busy writing, at worst past a test hook's 30 s.
 */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (adminUrl && process.env.TEST_RUN_ID) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [`${runDatabasePrefix()}_`],
      );
      for (const { datname } of rows) {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  }
  await removeSharedBuild(process.env.TEST_BUILD_DIR);
  const server = (globalThis as { testDatabaseServer?: EmbeddedServer | null }).testDatabaseServer;
  await server?.stop();
}
