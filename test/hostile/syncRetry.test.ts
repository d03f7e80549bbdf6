import fc from 'fast-check';
import { safeLocalPath } from '../../src/web/safeLocalPath';
import type { TriggerLogSource } from '../../src/connect/triggerLog';
import { insertFromSalesforce, installEmulator, updateAsApp } from '../emulator/harness';
import { csrfTokenIn } from '../support/testApp';
import { hostileKey, hostileValue } from './support/arbitraries';
import { asSent, urlencoded, type FormValue } from './support/forms';
import {
  PROPERTY_TIMEOUT_MS,
  RUNS_PER_ROUTE,
  startHostileApp,
  type ContactRowSnapshot,
  type HostileApp,
} from './support/hostileApp';
import { redirectTarget, SAME_SITE } from './support/redirects';

const ARCHIVED_FAILURE_ID = 800001;
const RETRY_FORM = ['_csrf', 'source', 'id', 'back'];
const SITE = 'https://contact-card.example';
/** Paths that pass a naive "starts with one slash" check yet try to leave, or to be huge. */
const LOOKALIKE_PATHS = [
  '/.//evil.example',
  '/..//evil.example',
  '/%5C%5Cevil.example',
  '/%2e%2e/%2F/evil.example',
  '/?next=//evil.example',
  '/sync/failed#//evil.example',
  `/${'a'.repeat(600)}`,
];

type EntrySnapshot = Record<string, unknown> & { id: number; state: string };
type TriggerLogSnapshot = Record<TriggerLogSource, EntrySnapshot[]>;
interface NamedEntry {
  source: TriggerLogSource;
  entry: EntrySnapshot;
}

describe('retrying a failed write with hostile input', () => {
  let h: HostileApp;
  let csrf: string;
  // The trigger log and contacts before any case: each retry is undone, so they stay true.
  let log: TriggerLogSnapshot;
  let rows: ContactRowSnapshot[];
  beforeAll(async () => {
    h = await startHostileApp([]);
    const emulator = await installEmulator(h.db, h.url);
    try {
      // Two writes Salesforce rejected, and one it accepted (archived as SUCCESS).
      for (const lastname of ['Failing', 'Refused', 'Fine']) {
        const { id } = await insertFromSalesforce(h.db, { lastname });
        const email = lastname === 'Fine' ? 'fine@example.com' : `retry${id}@invalid.example`;
        await updateAsApp(h.db, id, { email });
      }
      await emulator.processOnce();
    } finally {
      // Nothing may send a requeued entry while a case looks at it.
      await emulator.stop();
    }
    const { id, sfid } = await insertFromSalesforce(h.db, { lastname: 'Archived' });
    await h.db.query(
      `INSERT INTO salesforce._trigger_log_archive
         (id, txid, state, action, table_name, record_id, sfid, "values", old, sf_message)
       VALUES ($1, 7, 'FAILED', 'UPDATE', 'contact', $2, $3, '"title"=>"Archived"', '"title"=>NULL', 'UNABLE_TO_LOCK_ROW')`,
      [ARCHIVED_FAILURE_ID, id, sfid],
    );
    csrf = csrfTokenIn((await h.signedIn.get('/sync/failed')).text);
    log = await readTriggerLog();
    rows = await h.snapshot();
  });
  afterAll(async () => {
    await h.close();
  });

  const readTriggerLog = async (): Promise<TriggerLogSnapshot> => {
    const result = await h.db.query<TriggerLogSnapshot>(
      `SELECT (SELECT coalesce(jsonb_agg(l ORDER BY l.id), '[]') FROM salesforce._trigger_log l) AS live,
              (SELECT coalesce(jsonb_agg(a ORDER BY a.id), '[]')
                 FROM salesforce._trigger_log_archive a) AS archive`,
    );
    return result.rows[0] as TriggerLogSnapshot;
  };

  /** Puts both logs back exactly as they were before the cases. */
  const restoreTriggerLog = () =>
    h.db.withTransaction(async (client) => {
      for (const [source, table] of [
        ['live', '_trigger_log'],
        ['archive', '_trigger_log_archive'],
      ] as const) {
        await client.query(`DELETE FROM salesforce.${table}`);
        await client.query(
          `INSERT INTO salesforce.${table}
           SELECT * FROM jsonb_populate_recordset(NULL::salesforce.${table}, $1::jsonb)`,
          [JSON.stringify(log[source])],
        );
      }
    });

  /** Posts the Retry form; returns both logs and the contacts afterwards, then undoes any retry. */
  const postRetry = async (pairs: [string, FormValue][]) => {
    const res = await h.signedIn.post('/sync/retry').type('form').send(urlencoded(pairs));
    const after = await readTriggerLog();
    const contacts = await h.snapshot();
    if (JSON.stringify(after) !== JSON.stringify(log)) await restoreTriggerLog();
    return { res, after, contacts };
  };

  /** The entry a form's source and id name, read as the server reads them. */
  const entryNamed = (source: FormValue, id: FormValue): NamedEntry | undefined => {
    const sent = typeof source === 'string' ? asSent(source) : null;
    if ((sent !== 'live' && sent !== 'archive') || typeof id !== 'string') return undefined;
    const entry = log[sent].find((row) => String(row.id) === asSent(id));
    return entry && { source: sent, entry };
  };

  /** Connect's recovery, and nothing else: a live entry back to NEW, an archived one copied. */
  const expectRequeuedOnly = (after: TriggerLogSnapshot, { source, entry }: NamedEntry) => {
    const marked = (state: string) => (row: EntrySnapshot) =>
      row.id === entry.id ? { ...row, state, updated_at: expect.any(String) as unknown } : row;
    if (source === 'live') {
      expect(after).toEqual({ live: log.live.map(marked('NEW')), archive: log.archive });
      return;
    }
    const copy = {
      ...entry,
      id: expect.any(Number) as unknown,
      state: 'NEW',
      created_at: expect.any(String) as unknown,
      updated_at: expect.any(String) as unknown,
      sf_message: null,
    };
    expect(after).toEqual({
      live: [...log.live, copy],
      archive: log.archive.map(marked('REQUEUED')),
    });
  };

  /**
   * The redirect leads to a path on this site as a browser resolves it (tabs and newlines
   * dropped, backslashes read as slashes); a back address the form may not use is replaced.
   */
  const expectStaysOnSite = (location: string, back: FormValue) => {
    expect(location).toMatch(SAME_SITE);
    expect(new URL(location, `${SITE}/sync/failed`).origin).toBe(SITE);
    if (safeLocalPath(typeof back === 'string' ? asSent(back) : back) === null) {
      expect(location).toBe('/sync/failed');
    }
  };

  const backValue = fc.oneof(
    { arbitrary: redirectTarget, weight: 4 },
    { arbitrary: fc.constantFrom(...LOOKALIKE_PATHS), weight: 1 },
  );

  test(
    'when any Retry form arrives, then it never gets a 5xx or leaves the site, and only a valid form for a failed entry requeues it',
    async () => {
      const entries = (['live', 'archive'] as const).flatMap((source) =>
        log[source].map((entry) => ({ source, id: String(entry.id) })),
      );
      const ids = entries.map(({ id }) => id);
      const idValue = fc.oneof(
        { arbitrary: fc.constantFrom(...ids), weight: 2 },
        {
          arbitrary: fc
            .constantFrom(...ids)
            .chain((id) =>
              fc.constantFrom(
                `0${id}`,
                `${id}.0`,
                `+${id}`,
                ` ${id}`,
                `${id}\0`,
                `-${id}`,
                `${id}e0`,
              ),
            ),
          weight: 2,
        },
        { arbitrary: hostileValue, weight: 2 },
        { arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 32 }).map(String), weight: 1 },
        { arbitrary: fc.constantFrom('0', '2147483648', '9999999999', '9'.repeat(400)), weight: 1 },
      );
      const sourceValue = fc.oneof(
        { arbitrary: fc.constantFrom('live', 'archive'), weight: 4 },
        { arbitrary: fc.constantFrom('Live', 'ARCHIVE', 'live ', 'archive\0', 'both'), weight: 1 },
        { arbitrary: hostileValue, weight: 2 },
      );
      const anyRetry = fc.record({
        reference: fc.oneof(
          { arbitrary: fc.constantFrom(...entries), weight: 1 },
          { arbitrary: fc.record({ source: sourceValue, id: idValue }), weight: 1 },
        ),
        back: backValue,
        csrf: fc.oneof(
          { arbitrary: fc.constant('valid' as const), weight: 8 },
          { arbitrary: hostileValue, weight: 2 },
        ),
        // Repeating the form's own fields is what the hostile values' arrays do.
        extras: fc.array(
          fc.tuple(
            hostileKey.filter((name) => !RETRY_FORM.includes(name)),
            hostileValue,
          ),
          { maxLength: 3 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(anyRetry, async (input) => {
          const { source, id } = input.reference;

          const { res, after, contacts } = await postRetry([
            ['_csrf', input.csrf === 'valid' ? csrf : input.csrf],
            ['source', source],
            ['id', id],
            ['back', input.back],
            ...input.extras,
          ]);

          const named = input.csrf === 'valid' ? entryNamed(source, id) : undefined;
          if (named) expect(res.status).toBe(303);
          else expect([400, 403, 404]).toContain(res.status);
          if (res.status === 303) expectStaysOnSite(String(res.headers.location), input.back);
          if (named?.entry.state === 'FAILED') expectRequeuedOnly(after, named);
          else expect(after).toEqual(log);
          expect(contacts).toEqual(rows);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'when a failed entry is retried twice with any back address, then it is requeued once and both answers stay on this site',
    async () => {
      const failed = (['live', 'archive'] as const).flatMap((source) =>
        log[source]
          .filter((entry) => entry.state === 'FAILED')
          .map((entry): NamedEntry => ({ source, entry })),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...failed), backValue, async (named, back) => {
          const form: [string, FormValue][] = [
            ['_csrf', csrf],
            ['source', named.source],
            ['id', String(named.entry.id)],
            ['back', back],
          ];

          const first = await h.signedIn.post('/sync/retry').type('form').send(urlencoded(form));
          const second = await postRetry(form);

          expect([first.status, second.res.status]).toEqual([303, 303]);
          expectStaysOnSite(String(first.headers.location), back);
          expectStaysOnSite(String(second.res.headers.location), back);
          expectRequeuedOnly(second.after, named);
          expect(second.contacts).toEqual(rows);
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
