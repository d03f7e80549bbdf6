import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase } from '../../src/db/database';
import { expectedMigrations } from '../../src/db/migrations';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { startTestApp, type TestApp } from '../support/testApp';

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

describe('GET /healthz as Connect sets up the table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ withSchema: false });
  });
  afterAll(async () => {
    await t.close();
  });

  // These tests run in order, each taking the table one step further; every answer is fresh.
  test('when there is no contact table, then it reports the database reachable and the table absent, without sign-in', async () => {
    const res = await t.agent().get('/healthz');

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

    const res = await t.agent().get('/healthz');

    expect(res.body).toMatchObject({
      status: 'setup_needed',
      contactTable: { present: true },
      mapping: { complete: false, mappedFields: ['email'], missingColumns: ['lastname'] },
    });
  });

  test('when the table is complete, then it reports the table present and every field mapped', async () => {
    await t.db.query('DROP SCHEMA salesforce CASCADE');
    await createDevSchema(t.db, 'salesforce');

    const res = await t.agent().get('/healthz');

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

    const res = await t.agent().get('/healthz');

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

describe('GET /healthz when the database is unreachable', () => {
  test('when nothing answers at the database address, then 503 reports it unreachable', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
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
      const res = await request(app).get('/healthz');

      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({ status: 'unavailable', database: { reachable: false } });
    } finally {
      await db.close();
    }
  });
});
