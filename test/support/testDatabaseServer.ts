import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/dev/embeddedPostgres';
import { PROJECT_ROOT } from '../../src/paths';
import { freePort } from '../../src/dev/freePort';

/** Tests use DATABASE_URL's server when set, else their own embedded cluster (not the dev one). */
export async function startTestDatabaseServer(): Promise<{
  adminUrl: string;
  server: EmbeddedServer | null;
}> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { adminUrl: databaseUrl, server: null };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(PROJECT_ROOT, '.data', 'test-postgres'),
    // A free port each run, so a test run never collides with `npm start` or another checkout.
    port: await freePort(),
    log: () => undefined,
    // It holds nothing worth keeping: without fsync the run waits on the disk far less.
    disposable: true,
  });
  return { adminUrl: server.connectionStringFor('postgres'), server };
}
