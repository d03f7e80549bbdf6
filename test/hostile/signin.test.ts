import type { Server } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../src/app';
import { safeLocalPath } from '../../src/web/safeLocalPath';
import { SIGNIN_LIMITS } from '../../src/auth/signinLimits';
import { createLogger } from '../../src/logger';
import { csrfTokenIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp';
import { sessionCookie } from '../support/sessionCookie';
import { hostileKey, hostileText, hostileValue, MALFORMED_ESCAPES } from './support/arbitraries';
import {
  asSent,
  encode,
  escaped,
  inputValueIn,
  isReadableQuery,
  urlencoded,
  type FormValue,
} from './support/forms';
import { PROPERTY_TIMEOUT_MS, RUNS_PER_ROUTE } from './support/hostileApp';
import { redirectTarget, SAME_SITE } from './support/redirects';

const password: fc.Arbitrary<FormValue> = fc.oneof(
  { arbitrary: hostileValue, weight: 4 },
  { arbitrary: fc.constant(TEST_PASSWORD), weight: 1 },
  { arbitrary: fc.constant<FormValue>([TEST_PASSWORD, TEST_PASSWORD]), weight: 1 },
  { arbitrary: fc.constant(` ${TEST_PASSWORD}`), weight: 1 },
);

describe('signing in with hostile input', () => {
  let t: TestApp;
  let server: Server | undefined;
  let failures = 0;
  let cookie: string;
  let token: string;

  /**
   * A fresh app (same database and secrets) with its rate-limit counters cleared every few wrong
   * passwords keeps every case reaching the sign-in handler instead of the 429 page.
   */
  const freshServer = async () => {
    await stopServer();
    await t.db.query('DELETE FROM contact_card.rate_limit_hits').catch(() => undefined);
    const app = createApp({ db: t.db, config: t.config, logger: createLogger('silent') });
    app.set('view cache', true);
    const started = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => started.once('listening', resolve));
    server = started;
    failures = 0;
    return started;
  };
  const stopServer = async () => {
    const stopping = server;
    server = undefined;
    if (!stopping) return;
    stopping.closeAllConnections();
    await new Promise((resolve) => stopping.close(resolve));
  };
  const current = () => {
    if (!server) throw new Error('no server is running');
    return server;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const form = await request(await freshServer()).get('/signin');
    cookie = sessionCookie(form.headers['set-cookie']);
    token = csrfTokenIn(form.text);
  });
  afterAll(async () => {
    await stopServer();
    await t.close();
  });

  test(
    'when any sign-in form arrives, then it signs in only with the password, stays on this site, and never gets a 5xx',
    async () => {
      const form = fc.record({
        password,
        next: redirectTarget,
        csrf: fc.oneof(
          { arbitrary: fc.constant('valid' as const), weight: 8 },
          { arbitrary: hostileValue, weight: 1 },
        ),
        extras: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }),
      });
      await fc.assert(
        fc.asyncProperty(form, async (input) => {
          // Two short of the limit: a successful sign-in is uncounted when its response has
          // finished, which can be after this next request has been counted.
          if (failures >= SIGNIN_LIMITS.perAddress.attempts - 2) await freshServer();

          const res = await request(current())
            .post('/signin')
            .set('Cookie', cookie)
            .type('form')
            .send(
              urlencoded([
                ['_csrf', input.csrf === 'valid' ? token : input.csrf],
                ['password', input.password],
                ['next', input.next],
                ...input.extras,
              ]),
            );

          if (res.status === 401) failures += 1;
          const expectedNext =
            safeLocalPath(typeof input.next === 'string' ? asSent(input.next) : input.next) ??
            '/contacts';
          expect([303, 401, 403]).toContain(res.status);
          if (res.status === 303) {
            expect(input.password).toBe(TEST_PASSWORD);
            expect(res.headers.location).toMatch(SAME_SITE);
          }
          if (res.status === 401) {
            expect(inputValueIn(res.text, 'next')).toBe(escaped(expectedNext));
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when the sign-in page is opened with any next parameter, then it shows it escaped (or 400 when it cannot be read) and a signed-in visitor is sent only within this site',
    async () => {
      const signedIn = await request(current())
        .post('/signin')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: token, password: TEST_PASSWORD });
      const signedInCookie = sessionCookie(signedIn.headers['set-cookie']);
      const query = fc.oneof(
        redirectTarget.map((next) => urlencoded([['next', next]])),
        fc.constantFrom(...MALFORMED_ESCAPES).map((raw) => `next=${raw}`),
        hostileText.map((text) => `next=/${encode(text)}`),
      );
      await fc.assert(
        fc.asyncProperty(query, async (raw) => {
          const anonymous = await request(current()).get(`/signin?${raw}`);
          const member = await request(current())
            .get(`/signin?${raw}`)
            .set('Cookie', signedInCookie);

          if (!isReadableQuery(raw)) {
            expect([anonymous.status, member.status]).toEqual([400, 400]);
            return;
          }
          const expectedNext = safeLocalPath(parseQueryString(raw).next) ?? '/contacts';
          expect(anonymous.status).toBe(200);
          expect(inputValueIn(anonymous.text, 'next')).toBe(escaped(expectedNext));
          expect(member.status).toBe(303);
          expect(member.headers.location).toMatch(SAME_SITE);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
