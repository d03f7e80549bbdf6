import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/dev/embeddedPostgres';
import { PROJECT_ROOT } from '../../src/paths';

/** Tests use DATABASE_URL's server when set, else their own embedded cluster (not the dev one). */
export const TEST_EMBEDDED_PORT = 54339;

export async function startTestDatabaseServer(): Promise<{
  adminUrl: string;
  server: EmbeddedServer | null;
}> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { adminUrl: databaseUrl, server: null };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(PROJECT_ROOT, '.data', 'test-postgres'),
    port: TEST_EMBEDDED_PORT,
    log: () => undefined,
  });
  return { adminUrl: server.connectionStringFor('postgres'), server };
}
