import fc from 'fast-check';
import { salesforceRejection } from '../../src/emulator/failureRules';
import { fieldIn } from '../support/contacts';
import { escaped, urlencoded } from './support/forms';
import { PROPERTY_TIMEOUT_MS, startHostileApp, type HostileApp } from './support/hostileApp';
import { salesforceCount } from './support/salesforceCount';

const KEY = '003HOSTILEUNIC001A';

// Salesforce's Contact field lengths (shared/heroku-connect.md), independent of src/.
const FIRST_NAME_LIMIT = 40;
const SALESFORCE_LIMITS: Record<string, number> = {
  firstname: FIRST_NAME_LIMIT,
  lastname: 80,
  title: 128,
  department: 80,
  email: 80,
  phone: 40,
  mobilephone: 40,
  mailingstreet: 255,
  mailingcity: 40,
  mailingstate: 80,
  mailingpostalcode: 20,
  mailingcountry: 80,
  description: 32_000,
};

const codePoint = (min: number, max: number) =>
  fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));

/**
 * What names are made of when they are not ASCII: letters of several scripts, astral
 * characters (emoji, mathematical letters: two UTF-16 units each), combining marks, sequences
 * NFC composes (e and an acute accent, Hangul jamo), and bidi controls and isolates.
 */
const unicodeUnit = fc.oneof(
  fc.constantFrom('a', 'Z', 'é', 'ß', 'ا', 'ש', '中', ' '),
  codePoint(0x1f300, 0x1faff),
  codePoint(0x1d400, 0x1d7ff),
  codePoint(0x0300, 0x036f),
  fc.constantFrom('e\u0301', 'A\u030A', '\u1100\u1161'),
  fc.constantFrom(
    ...Array.from('\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C'),
  ),
);
const unicodeText = (maxLength: number) =>
  fc.string({ unit: unicodeUnit, minLength: 1, maxLength }).filter((s) => s.trim() !== '');

/** A name as pages must show it: each part escaped in its own <bdi>. */
const bdiParts = (parts: string[]) => parts.map((part) => `<bdi>${escaped(part)}</bdi>`).join(' ');
/** A name as a window title must show it: each part between FSI and PDI. */
const titleParts = (parts: string[]) =>
  parts.map((part) => `\u2068${escaped(part)}\u2069`).join(' ');

describe('text in any script, as Salesforce counts it and as pages show it', () => {
  let h: HostileApp;
  beforeAll(async () => {
    h = await startHostileApp([KEY]);
  });
  afterAll(async () => {
    await h.close();
  });

  test('when a form is shown, then every field’s maxlength is Salesforce’s limit for it', async () => {
    const card = await h.signedIn.get(`/contacts/${KEY}`);

    for (const field of h.mapping.fields) {
      expect([
        field.column,
        /maxlength="(\d+)"/.exec(fieldIn(card.text, field.column))?.[1],
      ]).toEqual([field.column, String(SALESFORCE_LIMITS[field.column])]);
    }
  });

  test(
    'when a first name of any Unicode is saved, then the server, the form’s maxlength, Salesforce’s count and the emulator agree on whether it fits',
    async () => {
      await fc.assert(
        fc.asyncProperty(unicodeText(32), async (firstname) => {
          const { csrf, shown, html } = await h.editForm(KEY);
          const maxlength = Number(/maxlength="(\d+)"/.exec(fieldIn(html, 'firstname'))?.[1]);
          const stored = firstname.trim().normalize('NFC');
          const count = salesforceCount(firstname.trim());
          const fits = count <= FIRST_NAME_LIMIT;

          const res = await h.signedIn
            .post(`/contacts/${KEY}`)
            .type('form')
            .send(
              urlencoded([
                ['_csrf', csrf],
                ['shown', shown],
                ['firstname', firstname],
              ]),
            );

          // A browser holding the stored (NFC) text would let exactly this much be typed.
          expect(stored.length <= maxlength).toBe(fits);
          expect(salesforceRejection({ firstname: stored }) === null).toBe(fits);
          if (fits) {
            expect(res.status).toBe(303);
            const row = await h.db.query<{ firstname: string }>(
              'SELECT firstname FROM salesforce.contact WHERE sfid = $1',
              [KEY],
            );
            expect(row.rows[0]?.firstname).toBe(stored);
          } else {
            expect(res.status).toBe(422);
            expect(fieldIn(res.text, 'firstname')).toContain(
              `First name can be at most 40 characters; emoji count as two (you entered ${String(count)}).`,
            );
            expect(fieldIn(res.text, 'firstname')).toContain(`value="${escaped(stored)}"`);
          }
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when a name holds any Unicode, bidi overrides included, then the list, the card, the delete page and their titles isolate each part',
    async () => {
      await fc.assert(
        fc.asyncProperty(unicodeText(20), unicodeText(20), async (firstname, lastname) => {
          await h.db.query(
            'UPDATE salesforce.contact SET firstname = $1, lastname = $2 WHERE sfid = $3',
            [firstname, lastname, KEY],
          );
          const parts = [firstname, lastname];

          const [list, card, confirm] = await Promise.all([
            h.signedIn.get('/contacts'),
            h.signedIn.get(`/contacts/${KEY}`),
            h.signedIn.get(`/contacts/${KEY}/delete`),
          ]);

          expect(list.text).toContain(`<a href="/contacts/${KEY}">${bdiParts(parts)}</a>`);
          expect(card.text).toContain(`<h1>${bdiParts(parts)}</h1>`);
          expect(card.text).toContain(`<title>${titleParts(parts)} · Contact Card</title>`);
          expect(confirm.text).toContain(`<h1>Delete ${bdiParts(parts)}?</h1>`);
          expect(confirm.text).toContain(
            `<title>Delete ${titleParts(parts)}? · Contact Card</title>`,
          );
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
