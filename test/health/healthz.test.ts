import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase } from '../../src/db/database';
import { expectedMigrations } from '../../src/db/migrations';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { revokedSessions } from '../../src/auth/revokedSessions';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

const TOKEN = 'healthz-token-for-tests-0123456789abcdef';

const ALL_FIELDS = [
  'firstname',
  'lastname',
  'title',
  'department',
  'email',
  'phone',
  'mobilephone',
  'mailingstreet',
  'mailingcity',
  'mailingstate',
  'mailingpostalcode',
  'mailingcountry',
  'description',
];

/** What a database that the release phase has migrated reports. */
const CURRENT = {
  current: true,
  expected: expectedMigrations(),
  applied: expectedMigrations(),
  pending: [],
};

describe('GET /healthz as Connect sets up the table, read with HEALTHZ_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ withSchema: false, env: { HEALTHZ_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });
  const details = () => t.agent().get('/healthz').set('Authorization', `Bearer ${TOKEN}`);

  // These tests run in order, each taking the table one step further; every answer is fresh.
  test('when there is no contact table, then it reports the database reachable and the table absent, without sign-in', async () => {
    const res = await details();

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      status: 'setup_needed',
      database: { reachable: true },
      migrations: CURRENT,
      contactTable: { present: false, schema: 'salesforce' },
      mapping: {
        complete: false,
        mappedFields: [],
        missingColumns: ['id', 'sfid', 'lastname'],
        externalId: false,
      },
    });
  });

  test('when the table lacks lastname, then it reports that column missing', async () => {
    await t.db.query('CREATE SCHEMA salesforce');
    await t.db.query(
      'CREATE TABLE salesforce.contact (id serial PRIMARY KEY, sfid varchar(18), email varchar(80))',
    );

    const res = await details();

    expect(res.body).toMatchObject({
      status: 'setup_needed',
      contactTable: { present: true },
      mapping: { complete: false, mappedFields: ['email'], missingColumns: ['lastname'] },
    });
  });

  test('when the table is complete, then it reports the table present and every field mapped', async () => {
    await t.db.query('DROP SCHEMA salesforce CASCADE');
    await createDevSchema(t.db, 'salesforce');

    const res = await details();

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: { reachable: true },
      migrations: CURRENT,
      contactTable: { present: true, schema: 'salesforce' },
      mapping: {
        complete: true,
        mappedFields: ALL_FIELDS,
        missingColumns: [],
        externalId: true,
      },
    });
  });

  test('when a mapped column is removed, then the next check reports it gone at once', async () => {
    await t.db.query(
      'ALTER TABLE salesforce.contact DROP COLUMN title, DROP COLUMN external_contact_id__c',
    );

    const res = await details();

    expect(res.body).toMatchObject({
      status: 'ok',
      mapping: {
        complete: true,
        mappedFields: ALL_FIELDS.filter((column) => column !== 'title'),
        externalId: false,
      },
    });
  });
});

describe('who reads the details of GET /healthz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { HEALTHZ_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when anyone asks without a token or session, then it answers only the status', async () => {
    const res = await t.agent().get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test.each([
    ['a wrong token', `Bearer ${TOKEN.slice(0, -1)}x`],
    ['a longer token', `Bearer ${TOKEN}x`],
    ['the token without the Bearer scheme', TOKEN],
    ['Basic credentials', `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`],
  ])('when the request carries %s, then it answers only the status', async (_case, header) => {
    const res = await t.agent().get('/healthz').set('Authorization', header);

    expect(res.body).toEqual({ status: 'ok' });
  });

  test('when HEALTHZ_TOKEN is sent as a bearer token, then the details follow the status', async () => {
    const res = await t.agent().get('/healthz').set('Authorization', `Bearer ${TOKEN}`);

    expect(res.body).toMatchObject({ status: 'ok', mapping: { complete: true } });
  });

  test('when an admin is signed in, then the details follow the status', async () => {
    const res = await t.agentSignedInAs(TEST_USERS.admin).get('/healthz');

    expect(res.body).toMatchObject({ status: 'ok', database: { reachable: true } });
  });

  test('when an editor is signed in, then it answers only the status', async () => {
    const res = await t.agentSignedInAs(TEST_USERS.editor).get('/healthz');

    expect(res.body).toEqual({ status: 'ok' });
  });

  test('when an admin has been signed out everywhere, then their old cookie reads only the status', async () => {
    const admin = { ...TEST_USERS.admin, id: '005TEST000000REVOKED' };
    const agent = t.agentSignedInAs(admin);
    await revokedSessions(t.db).revokeUser(admin.id);

    const res = await agent.get('/healthz');

    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /healthz when the database is unreachable', () => {
  test('when nothing answers at the database address, then 503 says so, with details only for the token', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HEALTHZ_TOKEN: TOKEN,
    });
    // Port 1 on loopback: connection refused at once, no waiting for a timeout.
    const db = createDatabase({
      connectionString: 'postgres://postgres@127.0.0.1:1/nowhere',
      poolMax: 1,
      statementTimeoutMs: 1000,
      logger: createLogger('silent'),
    });
    const app = createApp({ db, config, logger: createLogger('silent') });
    try {
      const anonymous = await request(app).get('/healthz');
      const res = await request(app).get('/healthz').set('Authorization', `Bearer ${TOKEN}`);

      expect(anonymous.status).toBe(503);
      expect(anonymous.headers['retry-after']).toBe('5');
      expect(anonymous.body).toEqual({ status: 'unavailable' });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', database: { reachable: false } });
    } finally {
      await db.close();
    }
  });
});
