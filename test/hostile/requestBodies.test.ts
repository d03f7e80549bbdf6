import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MALFORMED_ESCAPES } from './support/arbitraries';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type HostileApp,
} from './support/hostileApp';
import { rawRequest } from './support/rawHttp';

const KEY = '003HOSTILEBODY001A';
const ROUTES = [`/contacts/${KEY}`, '/signin', '/signout'] as const;
const FORM = 'application/x-www-form-urlencoded';

const CONTENT_TYPES = [
  FORM,
  `${FORM}; charset=utf-8`,
  `${FORM}; charset=iso-8859-1`,
  `${FORM}; charset=utf-16`,
  `${FORM}; charset="`,
  'application/json',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'form',
  ';;;',
  'application/x-www-form-urlencoded/extra',
];

// Sequences that are not UTF-8 at all, or are UTF-8's classic traps (overlong, surrogates).
const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
].map((bytes) => Buffer.from(bytes));

describe('request bodies of every shape', () => {
  let h: HostileApp;
  let csrf: string;
  let shown: string;
  beforeAll(async () => {
    h = await startHostileApp([KEY]);
    ({ csrf, shown } = await h.editForm(KEY));
  });
  afterAll(async () => {
    await h.close();
  });

  /** A raw body: a valid token and shown values, then bytes nobody should have to parse. */
  const rawBody = fc
    .array(
      fc.oneof(
        fc.uint8Array({ maxLength: 30 }).map((bytes) => Buffer.from(bytes)),
        fc.constantFrom(...INVALID_UTF8),
        fc.constantFrom(...MALFORMED_ESCAPES).map((text) => Buffer.from(text)),
        fc
          .constantFrom('&', '=', '+', 'lastname=', 'email=', '&_csrf=', '&shown=')
          .map((text) => Buffer.from(text)),
      ),
      { maxLength: 12 },
    )
    .map((chunks) =>
      Buffer.concat([Buffer.from(`_csrf=${csrf}&shown=${shown}&lastname=`), ...chunks]),
    );

  test(
    'when a body holds invalid UTF-8, malformed escapes or random bytes, under any content type, then no response is a 5xx and nothing changes',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROUTES),
          fc.constantFrom(...CONTENT_TYPES),
          rawBody,
          fc.boolean(),
          async (route, contentType, body, tokenInHeader) => {
            const before = await h.snapshot();
            // Signing out is sent by a client of its own: a case that did sign the shared client
            // out would need a sign-in, and those are rate limited to 10 per address.
            const client = route === '/signout' ? h.agent() : h.signedIn;
            const request = client.post(route).set('Content-Type', contentType);
            if (tokenInHeader) void request.set('X-CSRF-Token', csrf);

            const res = await request.send(body);

            expect(res.status).toBeLessThan(500);
            expect(await h.snapshot()).toEqual(before);
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test.each(ROUTES)(
    'when a form to %s is larger than 512 kB, then a 413 page says so',
    async (route) => {
      const before = await h.snapshot();

      const res = await h.signedIn
        .post(route)
        .type('form')
        .send(`_csrf=${csrf}&shown=${shown}&description=${'x'.repeat(600 * 1024)}`);

      expect(res.status).toBe(413);
      expect(res.text).toContain('The form was too large to accept.');
      expect(await h.snapshot()).toEqual(before);
    },
  );

  test('when a small gzip body unpacks past the limit, then it is refused as too large', async () => {
    const bomb = gzipSync(Buffer.from(`_csrf=${csrf}&lastname=${'0'.repeat(2 * 1024 * 1024)}`));

    const res = await rawRequest(h.app, {
      method: 'POST',
      path: `/contacts/${KEY}`,
      headers: {
        'Content-Type': FORM,
        'Content-Encoding': 'gzip',
        'Content-Length': String(bomb.length),
      },
      body: bomb,
    });

    expect(bomb.length).toBeLessThan(20_000);
    expect(res.status).toBe(413);
    expect(res.text).toContain('The form was too large to accept.');
  });

  test.each([
    ['a broken gzip stream', 'gzip', Buffer.from('not gzip at all')],
    ['an unknown encoding', 'br-zip', Buffer.from('lastname=x')],
  ])('when the body is %s, then it is refused with a 4xx', async (_case, encoding, body) => {
    const res = await h.signedIn
      .post(`/contacts/${KEY}`)
      .set('Content-Type', FORM)
      .set('Content-Encoding', encoding)
      .send(body);

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  test('when a form has more than 200 fields, then a 413 page says there were too many', async () => {
    const fields = Array.from({ length: 200 }, (_, i) => `f${String(i)}=x`).join('&');

    const res = await h.signedIn
      .post(`/contacts/${KEY}`)
      .type('form')
      .send(`_csrf=${csrf}&${fields}`);

    expect(res.status).toBe(413);
    expect(res.text).toContain('The form had too many fields.');
  });

  test.each([
    ['JSON', 'application/json', JSON.stringify({ lastname: 'Json', version: 'x' })],
    [
      'multipart',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="lastname"\r\n\r\nMulti\r\n--b--',
    ],
    ['plain text', 'text/plain', 'lastname=Plain'],
  ])(
    'when %s is posted with a valid token in the header, then it is refused as unsupported and nothing changes',
    async (_case, contentType, body) => {
      const before = await h.snapshot();

      const res = await h.signedIn
        .post(`/contacts/${KEY}`)
        .set('Content-Type', contentType)
        .set('X-CSRF-Token', csrf)
        .send(body);

      expect(res.status).toBe(415);
      expect(res.text).toContain('only accepts forms');
      expect(await h.snapshot()).toEqual(before);
    },
  );

  test.each(['/signin', `/contacts/${KEY}`])(
    'when %s is posted with no body but a valid token in the header, then it answers without a 5xx',
    async (route) => {
      const res = await h.signedIn.post(route).set('X-CSRF-Token', csrf).set('Content-Length', '0');

      // 429 too: the generated cases above may have used up this address's sign-in attempts.
      // 303 for the card: a form that sends no field changes none ("Nothing changed").
      expect([303, 401, 429]).toContain(res.status);
    },
  );
});
