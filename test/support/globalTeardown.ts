import type { EmbeddedServer } from '../../src/dev/embeddedPostgres';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { testDatabaseServer?: EmbeddedServer | null }).testDatabaseServer;
  await server?.stop();
}
