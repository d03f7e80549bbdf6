import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sharedBuild } from '../support/sharedBuild';
import { hiddenFieldsIn, httpUser } from '../support/httpUser';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { killStartedServers, listening, startServer, waitFor } from '../support/builtServer';

// Each test starts real server processes, which a busy CI machine makes slow.
jest.setTimeout(90_000);

/** What app.json's `environments.review` gives a review app (no APP_PASSWORD among it). */
const REVIEW_ENV = { CONTACT_CARD_DEMO: 'true', APP_PASSWORD: '' };

interface Run {
  code: number;
  output: string;
}

/** app.json's review `postdeploy` script, as Heroku runs it once after the first release. */
async function postdeploy(databaseUrl: string, env: Record<string, string>): Promise<Run> {
  const build = sharedBuild();
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(build.dir, 'dist', 'demo', 'postdeploy.js')],
      {
        cwd: build.dir,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          SESSION_SECRET: 'review-app-secret-that-is-at-least-32-characters',
          DATABASE_URL: databaseUrl,
          SAMPLE_CONTACTS: '30',
          ...env,
        },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** The schemas and tables in a database, to show that a refusal left it as it was. */
async function relations(t: TestDatabase): Promise<string[]> {
  const result = await t.db.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1`,
  );
  return result.rows.map((row) => row.name);
}

describe('a review app (CONTACT_CARD_DEMO=true)', () => {
  const databases: TestDatabase[] = [];
  // Not even migrated, unless `released`: the postdeploy script and the demo's web dyno apply
  // the migrations themselves, and refuse a Connect database before they do.
  const freshDatabase = async ({ released = false } = {}) => {
    const t = await createTestDatabase({ withSchema: false, migrated: released });
    databases.push(t);
    return t;
  };
  afterAll(async () => {
    await killStartedServers();
    await Promise.all(databases.map((t) => t.close()));
  });

  test('when postdeploy has seeded it, then the production web process shows demo data, signs in with the development password, syncs a new contact and exits 0 on SIGTERM', async () => {
    const t = await freshDatabase();
    const seeded = await postdeploy(t.url, REVIEW_ENV);
    expect(seeded).toMatchObject({ code: 0 });
    expect(seeded.output).toContain('Seeded 30 sample contacts into salesforce.contact');

    const server = await startServer(sharedBuild(), {
      ...REVIEW_ENV,
      DATABASE_URL: t.url,
      WEB_CONCURRENCY: '2',
    });
    try {
      await listening(server, 2);
      const user = httpUser(server.url);
      const signin = await user.get('/signin');
      expect(signin.text).toContain('Demo data.');
      expect(signin.text).toContain('Sign in with the password <code>contact-card</code>');

      await user.signIn('contact-card');
      const list = await user.get('/contacts');
      expect(list.status).toBe(200);
      expect(list.text).toContain('Demo data.');
      expect(list.text).not.toContain('Sign in with the password');
      expect(list.text).toContain('30 contacts');

      const form = await user.get('/contacts/new');
      const created = await user.post('/contacts', {
        ...hiddenFieldsIn(form.text, '/contacts'),
        firstname: 'Rita',
        lastname: 'Reviewer',
      });
      expect(created.status).toBe(303);
      const card = created.headers.location ?? '';
      expect((await user.get(card)).text).toMatch(/class="badge badge-pending">PENDING</);
      // Once Salesforce has given it an id, the card moves to its sfid URL.
      await waitFor('the emulator to insert the contact', async () => {
        const moved = await user.get(card);
        const page = moved.status === 302 ? await user.get(moved.headers.location ?? '') : moved;
        return /class="badge badge-inserted">INSERTED</.test(page.text);
      });

      // A second postdeploy (a redeploy of the pipeline's review app) while the emulator runs.
      const again = await postdeploy(t.url, REVIEW_ENV);
      expect(again).toMatchObject({ code: 0 });
      expect(again.output).toContain('Seeded 0 sample contacts');

      server.process.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
    } finally {
      await server.kill();
    }
  });

  test.each([
    ['the Connect schema', 'salesforce'],
    ['another schema', 'org2'],
  ])(
    'when Heroku Connect is present in the database (_hcmeta in %s), then postdeploy and the web process refuse it and change nothing',
    async (_, schema) => {
      const t = await freshDatabase();
      await t.db.query(`CREATE SCHEMA ${schema}`);
      await t.db.query(`CREATE TABLE ${schema}._hcmeta (id serial PRIMARY KEY, hcver integer)`);
      const before = await relations(t);

      const seeded = await postdeploy(t.url, REVIEW_ENV);
      const server = await startServer(sharedBuild(), { ...REVIEW_ENV, DATABASE_URL: t.url });
      const exit = await server.exited;

      const refusal = `Demo mode (CONTACT_CARD_DEMO) refused: Heroku Connect is present in this database (${schema}._hcmeta)`;
      expect(seeded.code).toBe(1);
      expect(seeded.output).toContain(refusal);
      expect(exit).toEqual({ code: 1, signal: null });
      expect(server.output()).toContain(refusal);
      expect(await relations(t)).toEqual(before);
    },
  );

  test('when CONTACT_CARD_DEMO is not set, then postdeploy refuses to seed and the database stays empty', async () => {
    const t = await freshDatabase();

    const seeded = await postdeploy(t.url, { APP_PASSWORD: 'a real production password' });

    expect(seeded.code).toBe(1);
    expect(seeded.output).toContain('runs only with CONTACT_CARD_DEMO=true');
    expect(await relations(t)).toEqual([]);
  });

  test('when the app is not a demo, then its pages show no demo banner', async () => {
    const t = await freshDatabase({ released: true });
    const server = await startServer(sharedBuild(), { DATABASE_URL: t.url });
    try {
      await listening(server, 1);

      const signin = await httpUser(server.url).get('/signin');

      expect(signin.status).toBe(200);
      expect(signin.text).not.toContain('Demo data');
    } finally {
      await server.kill();
    }
  });
});
