import { once } from 'node:events';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { CALLBACK_LIMITS, callbackRateLimits, SIGNIN_LIMITS } from '../../src/auth/signinLimits';
import { createDatabase, type Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { errorHandler } from '../../src/web/errorHandler';
import { requestLogging } from '../../src/web/requestLogging';
import { csrfTokenIn, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { sessionCookie } from '../support/sessionCookie';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

async function listen(app: Express): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

/** Gets a sign-in form from `server` and returns a sender of wrong (or right) passwords. */
async function signinForm(server: Server) {
  const form = await request(server).get('/signin');
  const cookie = sessionCookie(form.headers['set-cookie']);
  const token = csrfTokenIn(form.text);
  return (to: Server, password: string) =>
    request(to)
      .post('/signin')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, password, next: '/contacts' });
}

describe('sign-in rate limits', () => {
  describe('from one address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    test('when an address keeps guessing wrong, then it gets a 429 page with Retry-After, even for the right password', async () => {
      const agent = t.agent();
      const token = csrfTokenIn((await agent.get('/signin')).text);
      const attempt = (password: string) =>
        agent.post('/signin').type('form').send({ _csrf: token, password, next: '/contacts' });
      for (let i = 0; i < SIGNIN_LIMITS.perAddress.attempts; i += 1) {
        expect((await attempt(`guess ${i}`)).status).toBe(401);
      }

      const limited = await attempt('one more guess');
      const rightPassword = await attempt(TEST_PASSWORD);

      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Too many sign-in attempts');
      expect(limited.text).toMatch(/Wait 1[0-5] minutes and try again\./);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(10 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(rightPassword.status).toBe(429);
      expect(rightPassword.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('successful sign-ins', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    test('when the right password is used many times, then no attempt is refused', async () => {
      for (let i = 0; i <= SIGNIN_LIMITS.perAddress.attempts * 2; i += 1) {
        const res = await signIn(t.agent());
        expect(res.status).toBe(303);
      }
    });
  });

  describe('from many addresses behind Heroku’s router', () => {
    let t: TestApp;
    // One listening server for the hundred attempts: supertest would otherwise listen anew for
    // each request, and on a busy machine that alone came close to the test's 30 s.
    let server: Server;
    beforeAll(async () => {
      t = await startTestApp({ env: { NODE_ENV: 'production' } });
      server = t.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
    });
    afterAll(async () => {
      server.close();
      await once(server, 'close');
      await t.close();
    });

    test('when many addresses guess wrong once each, then the overall limit stops the next one', async () => {
      const viaRouter = (address: string) => ({
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-For': address,
      });
      const form = await request(server).get('/signin').set(viaRouter('10.9.0.1'));
      const cookie = sessionCookie(form.headers['set-cookie']);
      const attempt = (address: string) =>
        request(server)
          .post('/signin')
          .set(viaRouter(address))
          .set('Cookie', cookie)
          .type('form')
          .send({ _csrf: csrfTokenIn(form.text), password: 'wrong', next: '/contacts' });
      // Ten addresses at a time: the overall budget counts attempts, not their order.
      const addresses = Array.from(
        { length: SIGNIN_LIMITS.overall.attempts },
        (_, i) => `10.1.${Math.floor(i / 250)}.${i % 250}`,
      );
      for (let start = 0; start < addresses.length; start += 10) {
        const batch = addresses.slice(start, start + 10);
        const statuses = (await Promise.all(batch.map(attempt))).map((res) => res.status);
        expect(statuses).toEqual(batch.map(() => 401));
      }

      const fresh = await attempt('10.2.0.1');

      expect(fresh.status).toBe(429);
      expect(fresh.text).toContain('Too many sign-in attempts');
      expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('shared by every worker and dyno', () => {
    let t: TestApp;
    // A second app with a pool of its own on the same database, as another dyno would be.
    let otherDb: Database;
    let servers: [Server, Server];
    beforeAll(async () => {
      t = await startTestApp();
      otherDb = createDatabase({
        connectionString: t.url,
        poolMax: 5,
        statementTimeoutMs: 25_000,
        logger: createLogger('silent'),
      });
      const other = createApp({ db: otherDb, config: t.config, logger: createLogger('silent') });
      servers = [await listen(t.app), await listen(other)];
    });
    afterAll(async () => {
      await Promise.all(servers.map(stop));
      await otherDb.close();
      await t.close();
    });

    test('when one address’s wrong guesses alternate between two apps, then both refuse it exactly at the limit', async () => {
      const attempt = await signinForm(servers[0]);
      for (let i = 0; i < SIGNIN_LIMITS.perAddress.attempts; i += 1) {
        const app = i % 2 ? servers[1] : servers[0];
        expect((await attempt(app, `guess ${i}`)).status).toBe(401);
      }

      const onFirst = await attempt(servers[0], 'one more guess');
      const onSecond = await attempt(servers[1], TEST_PASSWORD);

      expect(onFirst.status).toBe(429);
      expect(onSecond.status).toBe(429);
      expect(onSecond.text).toContain('Too many sign-in attempts');
    });
  });

  describe('when the database cannot count', () => {
    let t: TestApp;
    let server: Server;
    const logged: string[] = [];
    beforeAll(async () => {
      t = await startTestApp();
      const refused = () =>
        Promise.reject(
          Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
        );
      const down: Database = {
        query: refused,
        withTransaction: refused,
        withClient: refused,
        close: () => Promise.resolve(),
      };
      const logger = createLogger('warn', { write: (line: string) => logged.push(line) });
      server = await listen(createApp({ db: down, config: t.config, logger }));
    });
    afterAll(async () => {
      await stop(server);
      await t.close();
    });

    test('when the database is down, then a sign-in cannot be recorded and answers 503, and wrong guesses are limited per process, with a warning', async () => {
      const signedIn = await signIn(request.agent(server));
      const attempt = await signinForm(server);
      // The unrecorded sign-in counted as a failed attempt: one guess fewer reaches the limit.
      for (let i = 1; i < SIGNIN_LIMITS.perAddress.attempts; i += 1) {
        expect((await attempt(server, `guess ${i}`)).status).toBe(401);
      }

      const limited = await attempt(server, 'one more guess');

      expect(signedIn.status).toBe(503);
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Too many sign-in attempts');
      const warnings = logged.map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(warnings).toContainEqual(
        expect.objectContaining({
          level: 40,
          msg: expect.stringContaining('counting in this process only') as unknown,
        }),
      );
    });
  });

  describe('signing in with Salesforce', () => {
    let database: TestDatabase;
    let server: Server;
    beforeAll(async () => {
      database = await createTestDatabase({ withSchema: false });
      const app = express();
      app.use(requestLogging(createLogger('silent')));
      // One set of handlers on both routes: an address has one counter for the round trip.
      const limits = callbackRateLimits(database.db);
      app.get('/auth/salesforce', ...limits, (_req, res) => {
        res.redirect(302, 'https://login.salesforce.com/');
      });
      app.get('/auth/salesforce/callback', ...limits, (_req, res) => {
        res.redirect(303, '/contacts');
      });
      app.use(errorHandler(createLogger('silent'), () => undefined));
      server = await listen(app);
    });
    afterAll(async () => {
      await stop(server);
      await database.close();
    });

    test('when an address keeps going round the Salesforce sign-in, then every request counts and the next one gets a 429', async () => {
      const visit = (path: string) => request(server).get(path).set('Accept', 'text/plain');
      for (let i = 0; i < CALLBACK_LIMITS.perAddress.attempts; i += 1) {
        const res = await visit(i % 2 ? '/auth/salesforce/callback' : '/auth/salesforce');
        expect(res.status).toBe(i % 2 ? 303 : 302);
      }

      const limited = await visit('/auth/salesforce/callback?code=x&state=y');

      expect(limited.status).toBe(429);
      expect(limited.text).toMatch(/^Too many sign-in attempts: /);
      expect(limited.text).toMatch(/Wait 1[0-5] minutes and try again\.$/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(10 * 60);
    });
  });
});
