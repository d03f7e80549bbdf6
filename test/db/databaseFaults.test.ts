import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { insertContact, readAsText } from '../support/contacts';
import { csrfTokenIn, signIn, TEST_PASSWORD, shownFormValueIn } from '../support/testApp';
import { startFaultPostgres, type FaultPostgres } from './support/faultPostgres';

const DATABASE = 'contact_card_faults';
const SFID = '003FAULT000000001A';
const STATEMENT_TIMEOUT_MS = 500;
const UNAVAILABLE = 'The database is not answering right now';
// Stopping and starting PostgreSQL is quick, but not on a machine that is busy with other work.
const FAULT_TEST_TIMEOUT_MS = 120_000;

describe('database faults', () => {
  let server: FaultPostgres;
  const pools: Database[] = [];

  /** The app as production builds it, on the fault server, with a short statement timeout. */
  const startApp = (): { app: Express; db: Database } => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: server.urlFor(DATABASE),
      APP_PASSWORD: TEST_PASSWORD,
      SESSION_SECRET: 'fault-test-secret-that-is-at-least-32-characters',
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    });
    const logger = createLogger('silent');
    const db = createDatabase({
      connectionString: server.urlFor(DATABASE),
      poolMax: config.poolMax,
      statementTimeoutMs: config.statementTimeoutMs,
      logger,
    });
    pools.push(db);
    return { app: createApp({ db, config, logger }), db };
  };

  /** The test's own connection; it may outlive a failed test until the server stops. */
  const adminClient = async () => {
    const client = new pg.Client({ connectionString: server.urlFor(DATABASE) });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  let app: Express;
  let agent: TestAgent;

  beforeAll(async () => {
    server = await startFaultPostgres();
    const admin = new pg.Client({ connectionString: server.urlFor('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`).finally(() => admin.end());
    await migrate({ connectionString: server.urlFor(DATABASE) }, () => undefined);
    ({ app } = startApp());
    const setup = pools[0] as Database;
    await createDevSchema(setup, 'salesforce');
    await insertContact(setup, {
      sfid: SFID,
      firstname: 'Fault',
      lastname: 'Tolerant',
      title: null,
      email: null,
      phone: null,
    });
    agent = request.agent(app);
    await signIn(agent);
  }, 180_000);

  afterEach(async () => {
    await server.start();
  }, FAULT_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(pools.map((db) => db.close()));
    await server.close();
  }, FAULT_TEST_TIMEOUT_MS);

  test(
    'when the database stops, then pages answer 503 with Retry-After and /healthz says unreachable; when it returns, the same app recovers',
    async () => {
      const card = await agent.get(`/contacts/${SFID}`);
      expect(card.status).toBe(200);

      await server.stop();

      const list = await agent.get('/contacts');
      const cardDown = await agent.get(`/contacts/${SFID}`);
      const edit = await agent
        .post(`/contacts/${SFID}`)
        .type('form')
        .send({
          _csrf: csrfTokenIn(card.text),
          shown: shownFormValueIn(card.text),
          lastname: 'Lost',
        });
      const health = await request(app).get('/healthz');
      for (const res of [list, cardDown, edit]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.text).toContain(UNAVAILABLE);
      }
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable' });

      await server.start();

      expect((await agent.get('/contacts')).status).toBe(200);
      const healthAfter = await request(app).get('/healthz');
      expect(healthAfter.status).toBe(200);
      expect(healthAfter.body).toEqual({ status: 'ok' });
      const stored = await adminClient();
      const row = await stored.query('SELECT lastname FROM salesforce.contact WHERE sfid = $1', [
        SFID,
      ]);
      await stored.end();
      expect(row.rows).toEqual([{ lastname: 'Tolerant' }]);
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  test(
    'when an app starts while the database is down, then it answers 503 and recovers by itself once the database is up',
    async () => {
      await server.stop();
      const late = startApp();
      const lateAgent = request.agent(late.app);

      // A sign-in is recorded in the audit trail, so it waits for the database like a write.
      const signedIn = await signIn(lateAgent);
      const health = await request(late.app).get('/healthz');

      expect(signedIn.status).toBe(503);
      expect(signedIn.headers['retry-after']).toBe('5');
      expect(signedIn.text).toContain(UNAVAILABLE);
      expect(health.status).toBe(503);

      await server.start();

      expect((await signIn(lateAgent)).status).toBe(303);
      const listAfter = await lateAgent.get('/contacts');
      expect(listAfter.status).toBe(200);
      expect(readAsText(listAfter.text)).toContain('Fault Tolerant');
      expect((await request(late.app).get('/healthz')).status).toBe(200);
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  test(
    'when the app’s connections are killed mid-run, then requests get 503s or succeed, nothing is half-written, and the pool heals',
    async () => {
      const card = await agent.get(`/contacts/${SFID}`);
      const [token, shown] = [csrfTokenIn(card.text), shownFormValueIn(card.text)];
      const killer = await adminClient();
      const requestsDone = new AbortController();
      let killed = 0;
      const killing = (async () => {
        for (let round = 0; round < 200 && !requestsDone.signal.aborted; round += 1) {
          const result = await killer.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'contact-card' AND pid <> pg_backend_pid()`,
          );
          killed += result.rowCount ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();

      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 4 === 0
            ? agent
                .post(`/contacts/${SFID}`)
                .type('form')
                .send({ _csrf: token, shown, firstname: `First${i}`, lastname: `Last${i}` })
            : agent.get(i % 2 === 0 ? '/contacts' : `/contacts/${SFID}`),
        ),
      );
      requestsDone.abort();
      await killing;

      const statuses = new Set(responses.map((res) => res.status));
      for (const status of statuses) expect([200, 303, 409, 503]).toContain(status);
      expect(killed).toBeGreaterThan(0);
      expect(statuses.has(503)).toBe(true);
      const row = (
        await killer.query<{ firstname: string; lastname: string }>(
          'SELECT firstname, lastname FROM salesforce.contact WHERE sfid = $1',
          [SFID],
        )
      ).rows[0];
      await killer.end();
      const written = /^First(\d+)$/.exec(row?.firstname ?? '')?.[1];
      expect(row?.lastname).toBe(written === undefined ? 'Tolerant' : `Last${written}`);
      expect((await agent.get('/contacts')).status).toBe(200);
      expect((await agent.get(`/contacts/${SFID}`)).status).toBe(200);
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  test(
    'when an edit waits on a lock past the statement timeout, then it gets a 503 quickly instead of hanging, and saves once the lock is gone',
    async () => {
      const card = await agent.get(`/contacts/${SFID}`);
      const form = {
        _csrf: csrfTokenIn(card.text),
        shown: shownFormValueIn(card.text),
        firstname: 'Fault',
        lastname: 'Tolerant',
        title: 'Waited',
      };
      const locker = await adminClient();
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM salesforce.contact WHERE sfid = $1 FOR UPDATE', [SFID]);

      const started = Date.now();
      const blocked = await agent.post(`/contacts/${SFID}`).type('form').send(form);
      const waitedMs = Date.now() - started;
      const health = await request(app).get('/healthz');
      await locker.query('ROLLBACK');
      const retried = await agent.post(`/contacts/${SFID}`).type('form').send(form);

      expect(blocked.status).toBe(503);
      expect(blocked.headers['retry-after']).toBe('5');
      expect(blocked.text).toContain(UNAVAILABLE);
      expect(waitedMs).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS);
      expect(waitedMs).toBeLessThan(STATEMENT_TIMEOUT_MS + 10_000);
      expect(health.status).toBe(200);
      expect(retried.status).toBe(303);
      const stored = (
        await locker.query('SELECT title FROM salesforce.contact WHERE sfid = $1', [SFID])
      ).rows;
      await locker.end();
      expect(stored).toEqual([{ title: 'Waited' }]);
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
