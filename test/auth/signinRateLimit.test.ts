import { once } from 'node:events';
import type { Server } from 'node:http';
import request from 'supertest';
import { SIGNIN_LIMITS } from '../../src/auth/signinLimits';
import { csrfTokenIn, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { sessionCookie } from '../support/sessionCookie';

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
});
