import path from 'node:path';
import type { Config } from '../config';
import { PROJECT_ROOT } from '../paths';
import type { DatabaseTarget } from '../process/databaseTarget';
import { ensureDatabase, startEmbeddedPostgres } from './embeddedPostgres';

const DATABASE_NAME = 'contact_card';

/** DATABASE_URL when set; otherwise an embedded PostgreSQL kept in the git-ignored data folder. */
export async function databaseTarget(
  config: Config,
  log: (message: string) => void,
): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { connectionString: config.databaseUrl, stop: () => Promise.resolve() };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.resolve(PROJECT_ROOT, config.dataDir, 'postgres'),
    port: config.embeddedPgPort,
    log,
  });
  await ensureDatabase(server.connectionStringFor('postgres'), DATABASE_NAME);
  const connectionString = server.connectionStringFor(DATABASE_NAME);
  log(`Embedded PostgreSQL is running: ${connectionString}`);
  return { connectionString, stop: () => server.stop() };
}
