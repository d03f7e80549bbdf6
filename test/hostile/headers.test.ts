import fc from 'fast-check';
import request from 'supertest';
import { SessionCodec, type Session } from '../../src/auth/session';
import { startTestApp, type TestApp } from '../support/testApp';
import { sessionCookie } from '../support/sessionCookie';
import { hostileText } from './support/arbitraries';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type HostileApp,
} from './support/hostileApp';

const KEY = '003HOSTILEHEAD001A';
const ROUTES = [
  '/',
  '/contacts',
  `/contacts/${KEY}`,
  '/signin',
  '/healthz',
  '/assets/app.css',
  '/nope',
];

// Node sends header values in Latin-1 and refuses control characters, as a proxy would.
const headerText = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 60,
  }),
  // Any text's UTF-8 bytes, as a proxy passes them on, less what Node refuses to send.
  hostileText.map((text) =>
    Buffer.from(text)
      .toString('latin1')
      // eslint-disable-next-line no-control-regex -- controls are what header values can't hold
      .replace(/[\0-\x1f\x7f]/g, ''),
  ),
  fc.constantFrom(
    '',
    ' ',
    ',',
    'https',
    'http',
    'HTTPS',
    'https, http',
    'http,https',
    'wss',
    '*/*',
  ),
);

/** What a signed session could claim if the secret were right but the payload odd. */
const sessionPayload = fc.record(
  {
    sid: fc.oneof(
      hostileText,
      fc.integer(),
      fc.constant(null),
      fc.string({ minLength: 500, maxLength: 2000 }),
    ),
    signedIn: fc.oneof(fc.boolean(), fc.constantFrom('true', 1, null)),
    expiresAt: fc.oneof(
      fc.constant(Date.now() + 3_600_000),
      fc.double(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, '9999999999999'),
    ),
  },
  { requiredKeys: [] },
);

describe('headers of every shape', () => {
  let h: HostileApp;
  let production: TestApp;
  let codec: SessionCodec;
  let validCookie: string;
  beforeAll(async () => {
    h = await startHostileApp([KEY]);
    production = await startTestApp({ env: { NODE_ENV: 'production' } });
    codec = new SessionCodec({
      sessionSecret: h.config.sessionSecret,
      appPassword: h.config.appPassword,
      ttlMs: h.config.sessionTtlMs,
    });
    validCookie = sessionCookie((await h.agent().get('/signin')).headers['set-cookie']);
  });
  afterAll(async () => {
    await production.close();
    await h.close();
  });

  const cookieHeader = () =>
    fc.oneof(
      headerText,
      headerText.map((text) => `cc_session=${text}`),
      headerText.map((text) => `${validCookie}${text}`),
      fc.integer({ min: 0, max: validCookie.length }).map((end) => validCookie.slice(0, end)),
      sessionPayload.map((payload) => `cc_session=${codec.encode(payload as unknown as Session)}`),
      fc
        .tuple(headerText, headerText)
        .map(([a, b]) => `cc_flash=${a}; cc_session=${b}; cc_session=x`),
    );

  const requestShape = () =>
    fc.record({
      inProduction: fc.boolean(),
      route: fc.constantFrom(...ROUTES),
      cookie: fc.option(cookieHeader()),
      requestId: fc.option(headerText),
      forwardedProto: fc.option(headerText),
      forwardedFor: fc.option(headerText),
      accept: fc.option(headerText),
      host: fc.option(headerText.filter((text) => text.trim() !== '')),
    });

  test(
    'when requests carry any cookies, request ids, forwarding headers, Accept or Host, then no answer is a 5xx and nothing changes',
    async () => {
      const before = await h.snapshot();
      await fc.assert(
        fc.asyncProperty(requestShape(), async (shape) => {
          const app = shape.inProduction ? production.app : h.app;
          const headers: Record<string, string | null> = {
            Cookie: shape.cookie,
            'X-Request-ID': shape.requestId,
            'X-Forwarded-Proto': shape.forwardedProto,
            'X-Forwarded-For': shape.forwardedFor,
            Accept: shape.accept,
            Host: shape.host,
          };
          const req = request(app).get(shape.route);
          for (const [name, value] of Object.entries(headers))
            if (value !== null) void req.set(name, value);

          const res = await req;

          expect(res.status).toBeLessThan(500);
          expect(String(res.headers['x-request-id'])).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);
          expect(res.headers['x-powered-by']).toBeUndefined();
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      expect(await h.snapshot()).toEqual(before);
    },
    PROPERTY_TIMEOUT_MS,
  );

  // The redirect answers before helmet, which would otherwise have removed the header.
  test('when a request reaches production over plain http, then the redirect to https does not name the framework', async () => {
    const res = await request(production.app).get('/contacts').set('X-Forwarded-Proto', 'http');

    expect(res.status).toBe(301);
    expect(res.headers.location).toMatch(/^https:\/\/.+\/contacts$/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
