import { expectedMigrations, migrate } from '../../src/db/migrations';
import { waitFor } from '../support/builtServer';
import { startTestApp, type TestApp } from '../support/testApp';

const TOKEN = 'healthz-token-for-tests-0123456789abcdef';

describe('an app whose database lacks this release’s migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ withSchema: false, migrated: false, env: { HEALTHZ_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });

  // In order: the database starts behind, then the release phase migrates it.
  test('when asked for health, then 503 says which migrations are applied and which expected', async () => {
    const res = await t.agent().get('/healthz').set('Authorization', `Bearer ${TOKEN}`);

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'migrations_pending',
      database: { reachable: true },
      migrations: {
        current: false,
        applied: [],
        expected: expectedMigrations(),
        pending: expectedMigrations(),
      },
    });
  });

  test('when a page is asked for, then 503 says what to run, and no table is created', async () => {
    const res = await t.agent().get('/signin').accept('html');

    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.text).toContain('<h1>Database update needed</h1>');
    expect(res.text).toContain(expectedMigrations().join(', '));
    expect(res.text).toContain('heroku run node dist/release.js');
    const schemas = await t.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'contact_card'`);
    expect(schemas.rows).toEqual([]);
  });

  test('when the release phase has migrated the database, then the same app serves again by itself', async () => {
    await migrate({ connectionString: t.url }, () => undefined);

    await waitFor('the sign-in page', async () => (await t.agent().get('/signin')).status === 200);
    const health = await t.agent().get('/healthz').set('Authorization', `Bearer ${TOKEN}`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'setup_needed',
      migrations: {
        current: true,
        applied: expectedMigrations(),
        expected: expectedMigrations(),
        pending: [],
      },
    });
  });
});
