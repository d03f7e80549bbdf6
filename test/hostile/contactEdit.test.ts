import fc from 'fast-check';
import type { ContactField } from '../../src/connect/contactFields';
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

const KEY = '003HOSTILEEDIT001A';
const BYSTANDER = '003HOSTILEEDIT002A';

describe('editing a contact with hostile input', () => {
  let h: HostileApp;
  let fields: readonly ContactField[];
  // The card's form and the table as last seen: re-read only after a save, to keep cases cheap.
  let form: { csrf: string; shown: string; html: string };
  let rows: ContactRowSnapshot[];
  beforeAll(async () => {
    h = await startHostileApp([KEY, BYSTANDER]);
    fields = h.mapping.fields;
    form = await h.editForm(KEY);
    rows = await h.snapshot();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Posts the edit form with the given field values, token and shown values; returns what changed. */
  const postEdit = async (pairs: [string, FormValue][]) => {
    const before = rows;
    const res = await h.signedIn.post(`/contacts/${KEY}`).type('form').send(urlencoded(pairs));
    rows = await h.snapshot();
    if (res.status === 303) form = await h.editForm(KEY);
    return { res, before, after: rows };
  };

  const rowOf = (table: ContactRowSnapshot[], sfid: string) => table.find((r) => r.sfid === sfid);

  /**
   * Each sent field as `asSent` makes it from `values`, and a field not sent as it was: what a
   * save stores (`storedValues`), or what a refused form shows again (`typedValues`).
   */
  const withSent = (
    asSent: typeof storedValues,
    before: ContactRowSnapshot[],
    values: FormValue[],
  ) => {
    const previous = fieldValuesOf(rowOf(before, KEY), fields);
    const sent = asSent(fields, values);
    return Object.fromEntries(
      fields.map((field, i) => [
        field.column,
        values[i] === undefined ? previous[field.column] : sent[field.column],
      ]),
    );
  };
  const storedAfter = (before: ContactRowSnapshot[], values: FormValue[]) =>
    withSent(storedValues, before, values);

  const expectStoredExactly = (
    after: ContactRowSnapshot[],
    before: ContactRowSnapshot[],
    values: FormValue[],
  ) => {
    expect(fieldValuesOf(rowOf(after, KEY), fields)).toEqual(storedAfter(before, values));
    expect(rowOf(after, BYSTANDER)).toEqual(rowOf(before, BYSTANDER));
  };

  /** Every field of the card shows the stored value, escaped exactly as `<%=` escapes it. */
  const expectRenderedEscaped = (html: string, row: ContactRowSnapshot | undefined) => {
    expect(shownFields(html, fields)).toEqual(escapedFields(row, fields));
  };

  test(
    'when any form arrives, then it never gets a 5xx, a refused form changes nothing, and a saved one is stored as sent, leaving fields it did not send',
    async () => {
      const anyForm = fc.record({
        values: fc.tuple(...fields.map(() => hostileValue)),
        extras: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 3 }),
        extrasFirst: fc.boolean(),
        csrf: fc.oneof(
          { arbitrary: fc.constant('valid' as const), weight: 8 },
          { arbitrary: hostileValue, weight: 2 },
        ),
        shown: fc.oneof(
          { arbitrary: fc.constant('current' as const), weight: 6 },
          { arbitrary: hostileValue, weight: 2 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(anyForm, async (input) => {
          const { csrf, shown } = form;
          const pairs: [string, FormValue][] = [
            ['_csrf', input.csrf === 'valid' ? csrf : input.csrf],
            ['shown', input.shown === 'current' ? shown : input.shown],
            ...formPairs(fields, input.values),
          ];
          const { res, before, after } = await postEdit(
            input.extrasFirst ? [...input.extras, ...pairs] : [...pairs, ...input.extras],
          );

          expect([303, 403, 409, 422]).toContain(res.status);
          if (res.status === 303) {
            expectStoredExactly(after, before, input.values);
            expectRenderedEscaped(form.html, rowOf(after, KEY));
          } else {
            expect(after).toEqual(before);
          }
          if (res.status === 422) {
            expect(shownFields(res.text, fields)).toEqual(
              escapedFields(withSent(typedValues, before, input.values), fields),
            );
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when every field holds valid text in any script, with markup or SQL in it, then it is saved exactly and shown escaped',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.tuple(...fields.map(validValue)), async (values) => {
          const { csrf, shown } = form;

          const { res, before, after } = await postEdit([
            ['_csrf', csrf],
            ['shown', shown],
            ...formPairs(fields, values),
          ]);

          expect(res.status).toBe(303);
          expectStoredExactly(after, before, values);
          expectRenderedEscaped(form.html, rowOf(after, KEY));
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when one field breaks its rule, then the form comes back with that field marked and nothing is saved',
    async () => {
      const oneBad = oneFieldInvalid(fields);
      await fc.assert(
        fc.asyncProperty(oneBad, async ([bad, values]) => {
          const { csrf, shown } = form;

          const { res, before, after } = await postEdit([
            ['_csrf', csrf],
            ['shown', shown],
            ...formPairs(fields, values),
          ]);

          expect(res.status).toBe(422);
          expect(res.text).toContain(`id="field-${fields[bad]?.column ?? ''}-error"`);
          expect(after).toEqual(before);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
