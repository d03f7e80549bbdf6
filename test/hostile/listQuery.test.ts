import { parse as parseQueryString } from 'node:querystring';
import fc from 'fast-check';
import { parseListQuery } from '../../src/contacts/list/params';
import { insertContact } from '../support/contacts';
import { hostileKey, hostileValue, MALFORMED_ESCAPES } from './support/arbitraries';
import {
  escaped,
  inputValueIn,
  isReadableQuery,
  urlencoded,
  type FormValue,
} from './support/forms';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type HostileApp,
} from './support/hostileApp';

const LIST_PARAMETERS = ['q', 'sort', 'dir', 'page', 'perPage', 'sync'] as const;
const PLANTED_MARKUP = '<img src=x onerror=alert(1)>';

/** Paging values people mistype or probe with: negative, huge, fractional, not numbers at all. */
const pagingValue = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom('0', '-0', '1e9', '0x10', ' 5', '５', '25.0', '', 'Infinity', '9'.repeat(400)),
);

const parameter = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...LIST_PARAMETERS), hostileValue), weight: 4 },
  {
    arbitrary: fc.tuple(fc.constantFrom('page', 'perPage'), pagingValue as fc.Arbitrary<FormValue>),
    weight: 2,
  },
  { arbitrary: fc.tuple(hostileKey, hostileValue), weight: 1 },
);

/** A query string: encoded pairs with raw malformed escapes and stray separators mixed in. */
const queryString = fc
  .array(
    fc.oneof(
      { arbitrary: parameter.map((pair) => urlencoded([pair])), weight: 5 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...LIST_PARAMETERS), fc.constantFrom(...MALFORMED_ESCAPES))
          .map(([name, raw]) => `${name}=${raw}`),
        weight: 2,
      },
      { arbitrary: fc.constantFrom('&', '=', '==', '&&', '+', ';', '?', '#'), weight: 1 },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('&'));

describe('the contact list with hostile query strings', () => {
  let h: HostileApp;
  beforeAll(async () => {
    h = await startHostileApp(['003HOSTILELIST001A']);
    await insertContact(h.db, { sfid: '003HOSTILELIST002A', lastname: PLANTED_MARKUP });
  });
  afterAll(async () => {
    await h.close();
  });

  test(
    'when the list is asked for with any query string, then it answers 200 with the search shown escaped, or 400 when the query cannot be read, and changes nothing',
    async () => {
      const before = await h.snapshot();
      await fc.assert(
        fc.asyncProperty(queryString, async (raw) => {
          const res = await h.signedIn.get(`/contacts?${raw}`);

          if (!isReadableQuery(raw)) {
            expect(res.status).toBe(400);
            expect(res.text).toContain('This address contains characters that could not be read.');
            return;
          }
          expect(res.status).toBe(200);
          const { q } = parseListQuery(parseQueryString(raw.split('#')[0] ?? ''));
          expect(inputValueIn(res.text, 'q')).toBe(escaped(q));
          expect(res.text).not.toContain(PLANTED_MARKUP);
          expect(await h.snapshot()).toEqual(before);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
