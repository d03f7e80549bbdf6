import pg from 'pg';
import type { EmbeddedServer } from '../../src/dev/embeddedPostgres';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (adminUrl && template) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)
      .finally(() => admin.end());
  }
  const server = (globalThis as { testDatabaseServer?: EmbeddedServer | null }).testDatabaseServer;
  await server?.stop();
}
