import fc from 'fast-check';
import { anyKeySegment } from './support/arbitraries';
import { urlencoded } from './support/forms';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type HostileApp,
} from './support/hostileApp';

const KEY = '003HOSTILEKEY0001A';

const keySegment = anyKeySegment(KEY);
const suffix = fc.constantFrom('', '/', '/vcard', '/delete', '/x/y', '?x=%ZZ');

describe('contact keys of every shape', () => {
  let h: HostileApp;
  beforeAll(async () => {
    h = await startHostileApp([KEY]);
  });
  afterAll(async () => {
    await h.close();
  });

  test(
    'when a card is asked for under any key, then the answer is a page or a clear 4xx, never a 5xx, and nothing changes',
    async () => {
      const before = await h.snapshot();
      await fc.assert(
        fc.asyncProperty(keySegment, suffix, async (key, rest) => {
          const res = await h.signedIn.get(`/contacts/${key}${rest}`);

          expect([200, 302, 400, 404]).toContain(res.status);
          expect(await h.snapshot()).toEqual(before);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when an edit is posted to any key, then it never gets a 5xx and no stale form overwrites anything',
    async () => {
      const { csrf } = await h.editForm(KEY);
      const before = await h.snapshot();
      await fc.assert(
        // An empty key is POST /contacts, which creates a contact.
        fc.asyncProperty(keySegment.filter(Boolean), async (key) => {
          const res = await h.signedIn
            .post(`/contacts/${key}`)
            .type('form')
            .send(
              urlencoded([
                ['_csrf', csrf],
                ['shown', 'not-what-was-shown'],
                ['lastname', 'Overwritten'],
              ]),
            );

          expect([400, 404, 409]).toContain(res.status);
          expect(await h.snapshot()).toEqual(before);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
