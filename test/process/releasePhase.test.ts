import { expectedMigrations } from '../../src/db/migrations';
import { listening, startServer, waitFor } from '../support/builtServer';
import { runRelease } from '../support/runRelease';
import { sharedBuild } from '../support/sharedBuild';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { browser } from './browser';

// Real server processes, which a busy CI machine makes slow.
jest.setTimeout(90_000);

describe('a web process started before the release phase has migrated its database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false, withSchema: false });
  });
  afterAll(async () => {
    await database.close();
  });

  test('when it starts, then it says so in its log and its pages, and serves once the release command has run', async () => {
    const server = await startServer(sharedBuild(), {
      DATABASE_URL: database.url,
      WEB_CONCURRENCY: '1',
    });
    try {
      await listening(server, 1);
      const user = browser(server.url);
      const pending = expectedMigrations().join(', ');
      await waitFor('the log to report the migrations', () =>
        server.output().includes(`lacks this release's migrations ${pending}`),
      );
      const behind = await user.get('/signin');

      const release = await runRelease(sharedBuild(), database.url);
      await waitFor('the app to serve', async () => (await user.get('/signin')).status === 200);

      expect(behind.status).toBe(503);
      expect(behind.text).toContain('Database update needed');
      expect(release.stdout).toContain(`Applied migrations: ${pending}`);
      await user.signIn();
      expect((await user.get('/contacts')).status).toBe(200);
    } finally {
      await server.kill();
    }
  });
});
