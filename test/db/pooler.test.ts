import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app';
import { createDatabase, type Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { insertContact, readContact, submitCard } from '../support/contacts';
import { databaseUrl } from '../support/databaseNames';
import { pgbouncerBinary, startPgbouncer, type Pgbouncer } from '../support/pgbouncer';
import { signIn, startTestApp, type TestApp } from '../support/testApp';

// Short enough to wait for, long enough for a busy CI machine's ordinary queries.
const STATEMENT_TIMEOUT_MS = 1000;
const SLOW_MS = 4000;
const TIMEOUT_SETTING = `SELECT setting AS timeout FROM pg_settings WHERE name = 'statement_timeout'`;

const binary = pgbouncerBinary();
if (!binary && process.env.PGBOUNCER_REQUIRED) {
  throw new Error('PGBOUNCER_REQUIRED is set, but there is no pgbouncer binary');
}
if (!binary) {
  console.warn('Skipping the PgBouncer tests: no pgbouncer binary (apt-get install pgbouncer).');
}
const describeWithPgbouncer = binary ? describe : describe.skip;

describeWithPgbouncer('the app behind PgBouncer in transaction mode', () => {
  let pgbouncer: Pgbouncer;
  let t: TestApp;
  let pooledUrl: string;
  let db: Database;
  const app = () => createApp({ db, config: t.config, logger: createLogger('silent') });

  beforeAll(async () => {
    t = await startTestApp();
    pgbouncer = await startPgbouncer(binary ?? '', t.url);
    pooledUrl = databaseUrl(pgbouncer.url, new URL(t.url).pathname.slice(1));
    db = createDatabase({
      connectionString: pooledUrl,
      behindPooler: true,
      poolMax: 3,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    try {
      await db.close();
    } finally {
      await pgbouncer.stop();
      await t.close();
    }
  });

  test('when a user signs in, lists, opens and edits a contact through the pooler, then every page works and the edit is stored', async () => {
    await insertContact(t.db, { sfid: '003POOL0000000001A', firstname: 'Ada', lastname: 'Pooled' });
    const agent = request.agent(app());
    await signIn(agent);

    const list = await agent.get('/contacts');
    const card = await agent.get('/contacts/003POOL0000000001A');
    const saved = await submitCard(agent, '003POOL0000000001A', { firstname: 'Augusta' });

    expect(list.status).toBe(200);
    expect(list.text).toContain('Pooled');
    expect(card.status).toBe(200);
    expect(saved.status).toBe(303);
    expect(await readContact(t.db, '003POOL0000000001A')).toMatchObject({ firstname: 'Augusta' });
  });

  test('when a page’s query waits past the statement timeout, then the page answers 503 in time and the next one works', async () => {
    await insertContact(t.db, { sfid: '003POOL0000000002A', lastname: 'Locked' });
    const agent = request.agent(app());
    await signIn(agent);
    // A card's read waits for this lock, as it would behind a long migration; without a
    // timeout it would get the page after SLOW_MS, when the lock goes.
    const locker = new pg.Client({ connectionString: t.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE salesforce.contact IN ACCESS EXCLUSIVE MODE');
    let ended: Promise<void> | undefined;
    const unlock = () => (ended ??= locker.end());
    const fallback = setTimeout(() => void unlock(), SLOW_MS);
    const started = performance.now();
    const page = await agent.get('/contacts/003POOL0000000002A');
    const waitedMs = performance.now() - started;
    clearTimeout(fallback);
    await unlock();

    expect(page.status).toBe(503);
    expect(waitedMs).toBeLessThan(SLOW_MS);
    expect((await agent.get('/contacts/003POOL0000000002A')).status).toBe(200);
  });

  test('when a statement outlives the timeout, alone or in a transaction, then the server cancels it as a statement timeout', async () => {
    const alone = db.query(`SELECT pg_sleep(${SLOW_MS / 1000})`);
    const inTransaction = db.withTransaction((client) =>
      client.query(`SELECT pg_sleep(${SLOW_MS / 1000})`),
    );

    await expect(alone).rejects.toMatchObject({ code: '57014' });
    await expect(inTransaction).rejects.toMatchObject({
      code: '57014',
      message: 'canceling statement due to statement timeout',
    });
    await expect(db.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  test('when transactions have set their timeouts, then none stays behind on the server connections other clients share', async () => {
    const inside = await db.withTransaction((client) =>
      client.query<{ timeout: string }>(TIMEOUT_SETTING),
    );
    const other = new pg.Client({ connectionString: pooledUrl });
    await other.connect();
    try {
      const after = await other.query<{ timeout: string }>(TIMEOUT_SETTING);

      expect(inside.rows[0]?.timeout).toBe(String(STATEMENT_TIMEOUT_MS));
      expect(after.rows[0]?.timeout).toBe('0');
    } finally {
      await other.end();
    }
  });

  test('when a pool sends its timeouts as start-up settings, as it does on a direct connection, then PgBouncer refuses it', async () => {
    const direct = createDatabase({
      connectionString: pooledUrl,
      poolMax: 1,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      logger: createLogger('silent'),
    });
    try {
      await expect(direct.query('SELECT 1')).rejects.toThrow(/unsupported startup parameter/);
    } finally {
      await direct.close();
    }
  });

  test('when work needs a session of its own behind the pooler, then it is refused before it starts', async () => {
    const work = jest.fn(() => Promise.resolve());

    await expect(db.withClient(work)).rejects.toThrow(/DATABASE_URL/);
    expect(work).not.toHaveBeenCalled();
  });
});
