import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { appWithCapturedLogs } from './capturedLogs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request log lines', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  test('when requests arrive, then each gets one JSON line with the app’s own request id, method, path and status', async () => {
    const { app, logs } = appWithCapturedLogs(database);

    const fromRouter = await request(app)
      .get('/signin?next=%2Fcontacts')
      .set('X-Request-ID', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    const withoutId = await request(app).get('/no-such-page');

    const ownId = fromRouter.headers['x-request-id'] as string;
    expect(ownId).toMatch(UUID);
    expect(ownId).not.toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(withoutId.headers['x-request-id']).toMatch(UUID);
    const lines = logs.entries().filter((entry) => entry.req);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { id: ownId, method: 'GET', path: '/signin' },
      herokuRequestId: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      res: { statusCode: 200 },
      responseTime: expect.any(Number) as unknown,
    });
    expect(lines[1]).toMatchObject({
      req: { id: withoutId.headers['x-request-id'] as string, path: '/no-such-page' },
      res: { statusCode: 404 },
    });
    expect(lines[1]).not.toHaveProperty('herokuRequestId');
  });

  test('when X-Request-ID is any sane id, not only a UUID, then it is logged beside the app’s own', async () => {
    const { app, logs } = appWithCapturedLogs(database);

    const res = await request(app).get('/signin').set('X-Request-ID', 'edge.node-7:abc_123');

    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(logs.entries().find((e) => e.req)).toMatchObject({
      req: { id: res.headers['x-request-id'] as string },
      herokuRequestId: 'edge.node-7:abc_123',
    });
  });

  test.each([
    ['spaces and markup', 'id with <script>alert(1)</script>'],
    ['too long', 'a'.repeat(201)],
    ['a forged log line', 'x\\n{"level":60}'],
    ['non-ASCII', 'идентификатор'],
  ])('when X-Request-ID has %s, then it is not logged at all', async (_case, incoming) => {
    const { app, logs } = appWithCapturedLogs(database);

    const res = await request(app).get('/signin').set('X-Request-ID', encodeIfNeeded(incoming));

    expect(res.headers['x-request-id']).toMatch(UUID);
    const line = logs.entries().find((e) => e.req);
    expect(line?.req?.id).toBe(res.headers['x-request-id']);
    expect(line).not.toHaveProperty('herokuRequestId');
  });

  test('when LOG_LEVEL is warn, then successful requests are not logged but client errors are', async () => {
    const { app, logs } = appWithCapturedLogs(database, 'warn');

    await request(app).get('/signin');
    await request(app).get('/no-such-page');

    expect(logs.entries().map((e) => e.res?.statusCode)).toEqual([404]);
  });
});

// Node refuses to send non-Latin-1 header values; a proxy would pass their UTF-8 bytes on.
function encodeIfNeeded(value: string): string {
  // eslint-disable-next-line no-control-regex -- Latin-1 is the header alphabet
  return /^[\u0000-\u00ff]*$/.test(value) ? value : Buffer.from(value).toString('latin1');
}
