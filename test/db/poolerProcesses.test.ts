import { browser } from '../process/browser';
import { listening, startServer, useBuildAndDatabase } from '../support/builtServer';
import { databaseUrl } from '../support/databaseNames';
import { insertContact } from '../support/contacts';
import { pgbouncerBinary, startPgbouncer } from '../support/pgbouncer';
import { runRelease } from '../support/runRelease';

// Nothing listens on port 1: a process that used this URL would fail at once.
const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/nowhere';

// Each test starts real processes, which a busy CI machine makes slow.
jest.setTimeout(90_000);

const binary = pgbouncerBinary();
if (!binary && process.env.PGBOUNCER_REQUIRED) {
  throw new Error('PGBOUNCER_REQUIRED is set, but there is no pgbouncer binary');
}
const withPgbouncer = binary ? test : test.skip;

describe('which processes use Heroku’s connection pooling', () => {
  const made = useBuildAndDatabase();

  withPgbouncer(
    'when DATABASE_CONNECTION_POOL_URL is set, then every web worker serves through the pooler',
    async () => {
      const { build, database } = made;
      await insertContact(database.db, { sfid: '003POOL0000000003A', lastname: 'Clustered' });
      const pgbouncer = await startPgbouncer(binary ?? '', database.url);
      // DATABASE_URL leads nowhere, so pages that work were served through the pooler.
      const server = await startServer(build, {
        DATABASE_URL: UNREACHABLE,
        DATABASE_CONNECTION_POOL_URL: databaseUrl(
          pgbouncer.url,
          new URL(database.url).pathname.slice(1),
        ),
        WEB_CONCURRENCY: '2',
      });
      try {
        await listening(server, 2);
        const user = browser(server.url);
        await user.signIn();

        const pages = await Promise.all(Array.from({ length: 6 }, () => user.get('/contacts')));

        expect(pages.map((page) => page.status)).toEqual(Array(6).fill(200));
        expect(pages[0]?.text).toContain('Clustered');
      } finally {
        await server.kill();
        await pgbouncer.stop();
      }
    },
  );

  test('when the pooler is attached, then the release phase still builds its indexes on DATABASE_URL', async () => {
    const { build, database } = made;

    const { stdout } = await runRelease(build, database.url, {
      DATABASE_CONNECTION_POOL_URL: UNREACHABLE,
    });

    expect(stdout).toContain('Contact indexes ready');
  });
});
