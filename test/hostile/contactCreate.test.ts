import fc from 'fast-check';
import type { ContactField } from '../../src/connect/contactFields';
import { isSubmissionToken } from '../../src/records/submissionToken';
import { hiddenFieldsIn } from '../support/httpUser';
import { csrfTokenIn } from '../support/testApp';
import { hostileKey, hostileValue, oneFieldInvalid, validValue } from './support/arbitraries';
import {
  escapedFields,
  fieldValuesOf,
  formPairs,
  shownFields,
  storedValues,
  typedValues,
} from './support/contactFields';
import { urlencoded, type FormValue } from './support/forms';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type ContactRowSnapshot,
  type HostileApp,
} from './support/hostileApp';

const EXISTING = ['003HOSTILENEW0001A', '003HOSTILENEW0002A'];
/** A new contact's card is named by the External ID the app generated for it. */
const NEW_CARD = /^\/contacts\/([0-9a-f]{32})$/;

/**
 * Capitals whose lower case is not simply the next letter over: longer ("İ" is "i" and a dot
 * above), in another block (the Kelvin and Ångström signs), or by context (a final sigma).
 */
const CASE_TRAPS = Array.from('İKÅΣẞǅΩÉЖAZ');
const capitalisedEmail = fc
  .tuple(
    // Up to the field's 80 as typed, so lengthening by lower-casing can cross it.
    fc.string({ unit: fc.constantFrom(...CASE_TRAPS), minLength: 1, maxLength: 68, size: 'max' }),
    fc.constantFrom('EXAMPLE.COM', 'Example.org', 'БАНК.РФ'),
  )
  .map(([local, domain]) => `${local}@${domain}`);

describe('creating a contact with hostile input', () => {
  let h: HostileApp;
  let fields: readonly ContactField[];
  let csrf: string;
  // The table before any case: each case's new row is deleted again, so this stays true.
  let rows: ContactRowSnapshot[];
  beforeAll(async () => {
    h = await startHostileApp(EXISTING);
    fields = h.mapping.fields;
    csrf = csrfTokenIn((await h.signedIn.get('/contacts/new')).text);
    rows = await h.snapshot();
  });
  afterAll(async () => {
    await h.close();
  });

  /** A token from a New contact form just opened: each case is a form of its own. */
  const freshToken = async () =>
    hiddenFieldsIn((await h.signedIn.get('/contacts/new')).text, '/contacts')._submission;

  /**
   * Posts the new-contact form; returns the rows it added and the rows it kept, and the card a
   * redirect leads to. Then removes the added rows, so every case starts from the same table.
   */
  const postCreate = async (pairs: [string, FormValue][]) => {
    const res = await h.signedIn.post('/contacts').type('form').send(urlencoded(pairs));
    const after = await h.snapshot();
    const existed = new Set(rows.map((row) => row.id));
    const added = after.filter((row) => !existed.has(row.id));
    const card = res.status === 303 ? await h.signedIn.get(String(res.headers.location)) : null;
    if (added.length > 0) {
      await h.db.query('DELETE FROM salesforce.contact WHERE id = ANY($1::int[])', [
        added.map((row) => row.id),
      ]);
    }
    return { res, card, added, kept: after.filter((row) => existed.has(row.id)) };
  };

  /** One new row holding the values as sent, its card shows them escaped, and nothing else moved. */
  const expectCreatedExactly = (
    { res, card, added, kept }: Awaited<ReturnType<typeof postCreate>>,
    values: readonly FormValue[],
  ) => {
    const externalId = NEW_CARD.exec(String(res.headers.location))?.[1];
    expect(externalId).toBeDefined();
    expect(kept).toEqual(rows);
    expect(added).toHaveLength(1);
    const [row] = added;
    expect(row).toMatchObject({ external_contact_id__c: externalId, sfid: null });
    expect(fieldValuesOf(row, fields)).toEqual(storedValues(fields, values));
    expect(card?.status).toBe(200);
    expect(shownFields(card?.text ?? '', fields)).toEqual(escapedFields(row, fields));
  };

  test(
    'when any form arrives, then it never gets a 5xx, a refused form adds or changes nothing, and a created contact is stored as sent',
    async () => {
      const anyForm = fc.record({
        values: fc.tuple(...fields.map(() => hostileValue)),
        extras: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 3 }),
        extrasFirst: fc.boolean(),
        csrf: fc.oneof(
          { arbitrary: fc.constant('valid' as const), weight: 8 },
          { arbitrary: hostileValue, weight: 2 },
        ),
        submission: fc.oneof(
          { arbitrary: fc.constant('fresh' as const), weight: 8 },
          { arbitrary: hostileValue, weight: 2 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(anyForm, async (input) => {
          const submission = input.submission === 'fresh' ? await freshToken() : input.submission;
          const pairs: [string, FormValue][] = [
            ['_csrf', input.csrf === 'valid' ? csrf : input.csrf],
            ['_submission', submission],
            ...formPairs(fields, input.values),
          ];
          const created = await postCreate(
            input.extrasFirst ? [...input.extras, ...pairs] : [...pairs, ...input.extras],
          );
          const { res, added, kept } = created;

          expect([303, 403, 422]).toContain(res.status);
          if (res.status === 303) {
            expectCreatedExactly(created, input.values);
          } else {
            expect({ added, kept }).toEqual({ added: [], kept: rows });
          }
          if (res.status === 422) {
            // A form without a usable token says so; one with a token was refused for a field.
            expect(res.text).toMatch(
              isSubmissionToken(submission) ? /id="field-[a-z]+-error"/ : /id="form-expired"/,
            );
            expect(shownFields(res.text, fields)).toEqual(
              escapedFields(typedValues(fields, input.values), fields),
            );
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when every field holds valid text in any script, with markup or SQL in it, then it is created exactly and shown escaped',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.tuple(...fields.map(validValue)), async (values) => {
          const created = await postCreate([
            ['_csrf', csrf],
            ['_submission', await freshToken()],
            ...formPairs(fields, values),
          ]);

          expect(created.res.status).toBe(303);
          expectCreatedExactly(created, values);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when an email has capitals of any script, then it is stored lower-cased or refused with the field marked, never a 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(capitalisedEmail, async (email) => {
          const form: Record<string, string> = { lastname: 'Capitals', email };
          const values = fields.map((field) => form[field.column]);
          const created = await postCreate([
            ['_csrf', csrf],
            ['_submission', await freshToken()],
            ...formPairs(fields, values),
          ]);
          const { res, added, kept } = created;

          expect([303, 422]).toContain(res.status);
          if (res.status === 303) {
            expectCreatedExactly(created, values);
          } else {
            expect(res.text).toContain('id="field-email-error"');
            expect({ added, kept }).toEqual({ added: [], kept: rows });
          }
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when one field breaks its rule, then the form comes back with that field marked and what was typed, and nothing is created',
    async () => {
      const oneBad = oneFieldInvalid(fields);
      await fc.assert(
        fc.asyncProperty(oneBad, async ([bad, values]) => {
          const { res, added, kept } = await postCreate([
            ['_csrf', csrf],
            ['_submission', await freshToken()],
            ...formPairs(fields, values),
          ]);

          expect(res.status).toBe(422);
          expect(res.text).toContain(`id="field-${fields[bad]?.column ?? ''}-error"`);
          expect(shownFields(res.text, fields)).toEqual(
            escapedFields(typedValues(fields, values), fields),
          );
          expect({ added, kept }).toEqual({ added: [], kept: rows });
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
