import fc from 'fast-check';
import { insertContact } from '../support/contacts';
import { csrfTokenIn, shownFormValueIn } from '../support/testApp';
import { anyKeySegment, hostileKey, hostileValue } from './support/arbitraries';
import { encode, urlencoded, type FormValue } from './support/forms';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type ContactRowSnapshot,
  type HostileApp,
} from './support/hostileApp';

const TARGET = '003HOSTILEDELETE1A';
const BYSTANDER = '003HOSTILEDELETE2A';
const PENDING_EXTERNAL_ID = '0123456789abcdef0123456789abcdef';

/** Every key that names this row: its sfid or External ID once it has one, always row-<id>. */
function keysOf(row: ContactRowSnapshot): string[] {
  return [row.sfid, row.external_contact_id__c, `row-${String(row.id)}`].filter(
    (key): key is string => typeof key === 'string',
  );
}

/** The row a URL key may name: as keysOf, and row-<id> may pad its id with zeros. */
function rowNamedBy(segment: string, rows: ContactRowSnapshot[]) {
  const key = decoded(segment);
  const id = /^row-(\d+)$/.exec(key ?? '')?.[1];
  return rows.find((row) => keysOf(row).includes(key ?? '') || Number(id) === row.id);
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

describe('deleting a contact with hostile input', () => {
  let h: HostileApp;
  let csrf: string;
  let foreignCsrf: string;
  // The table before any case: each case's deleted row is put back, so this stays true.
  let rows: ContactRowSnapshot[];
  /** What each row's confirmation page shows, as its form carries it, by row id. */
  const shownById = new Map<number, string>();
  const shownFor = (row: ContactRowSnapshot | undefined) => (row && shownById.get(row.id)) ?? '';
  beforeAll(async () => {
    h = await startHostileApp([TARGET, BYSTANDER]);
    // One row Connect has not synced yet, one written by another tool: each named differently.
    await insertContact(h.db, { sfid: null, external_contact_id__c: PENDING_EXTERNAL_ID });
    await insertContact(h.db, { sfid: null });
    csrf = csrfTokenIn((await h.signedIn.get(`/contacts/${TARGET}/delete`)).text);
    // A valid token, but of another signed-in session.
    const other = await h.signedInAgent();
    foreignCsrf = csrfTokenIn((await other.get(`/contacts/${TARGET}/delete`)).text);
    rows = await h.snapshot();
    for (const row of rows) {
      const page = await h.signedIn.get(`/contacts/row-${String(row.id)}/delete`);
      shownById.set(row.id, shownFormValueIn(page.text));
    }
  });
  afterAll(async () => {
    await h.close();
  });

  /** Posts a delete; returns the rows it removed and the rows it kept, then puts them back. */
  const postDelete = async (segment: string, pairs: [string, FormValue][]) => {
    const res = await h.signedIn
      .post(`/contacts/${segment}/delete`)
      .type('form')
      .send(urlencoded(pairs));
    const after = await h.snapshot();
    const remaining = new Set(after.map((row) => row.id));
    const gone = rows.filter((row) => !remaining.has(row.id));
    if (gone.length > 0) await putBack(gone);
    return { res, gone, kept: after };
  };

  /** Restores deleted rows exactly, id and system columns included. */
  const putBack = async (gone: ContactRowSnapshot[]) => {
    await h.db.query(
      `INSERT INTO salesforce.contact
       SELECT * FROM jsonb_populate_recordset(NULL::salesforce.contact, $1::jsonb)`,
      [JSON.stringify(gone)],
    );
  };

  /** Body fields that try to point the delete at another row, or at something else entirely. */
  const redirectingField = () =>
    fc.tuple(
      fc.constantFrom('key', 'sfid', 'id', 'external_contact_id__c', '_method', 'contact[key]'),
      fc.constantFrom(...rows.flatMap(keysOf), ...rows.map((row) => String(row.id)), 'DELETE', '*'),
    );

  test(
    'when a delete is posted to any key with any token and body, then it never gets a 5xx and removes at most the row the URL names',
    async () => {
      const anyDelete = fc.record({
        key: fc.oneof(
          { arbitrary: fc.constantFrom(...rows.flatMap(keysOf)).map(encode), weight: 3 },
          { arbitrary: anyKeySegment(TARGET), weight: 5 },
        ),
        csrf: fc.oneof(
          { arbitrary: fc.constant('valid' as const), weight: 7 },
          { arbitrary: fc.constant('foreign' as const), weight: 1 },
          { arbitrary: hostileValue, weight: 2 },
        ),
        extras: fc.array(fc.oneof(fc.tuple(hostileKey, hostileValue), redirectingField()), {
          maxLength: 3,
        }),
      });
      await fc.assert(
        fc.asyncProperty(anyDelete, async (input) => {
          const token =
            input.csrf === 'valid' ? csrf : input.csrf === 'foreign' ? foreignCsrf : input.csrf;

          const { res, gone, kept } = await postDelete(input.key, [
            ['_csrf', token],
            ['shown', shownFor(rowNamedBy(input.key, rows))],
            ...input.extras,
          ]);

          expect([303, 400, 403, 404, 409]).toContain(res.status);
          expect(gone).toEqual(res.status === 303 ? [rowNamedBy(input.key, rows)] : []);
          expect(kept).toEqual(rows.filter((row) => !gone.includes(row)));
          if (res.status === 303) {
            expect(input.csrf).toBe('valid');
            expect(res.headers.location).toBe('/contacts');
          }
          const exactKey = rows.some((row) => keysOf(row).includes(decoded(input.key) ?? ''));
          if (input.csrf === 'valid' && exactKey) expect(res.status).toBe(303);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when a row is deleted under any of its keys, then exactly that row goes and deleting it again is a 404 that changes nothing',
    async () => {
      const anyRowKey = fc.constantFrom(
        ...rows.flatMap((row) => keysOf(row).map((key) => ({ row, key }))),
      );
      await fc.assert(
        fc.asyncProperty(
          anyRowKey,
          fc.array(redirectingField(), { maxLength: 2 }),
          async ({ row, key }, extras) => {
            const res = await h.signedIn
              .post(`/contacts/${encode(key)}/delete`)
              .type('form')
              .send(urlencoded([['_csrf', csrf], ['shown', shownFor(row)], ...extras]));
            const again = await postDelete(encode(key), [
              ['_csrf', csrf],
              ['shown', shownFor(row)],
              ...extras,
            ]);

            expect([res.status, again.res.status]).toEqual([303, 404]);
            expect(again.gone).toEqual([row]);
            expect(again.kept).toEqual(rows.filter((other) => other !== row));
          },
        ),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
