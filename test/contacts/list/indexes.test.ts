import { cappedCounts } from '../../../src/db/cappedCounts';
import { ensureListIndexes } from '../../../src/contacts/list/indexes';
import { listContacts } from '../../../src/contacts/list/listContacts';
import { parseListQuery } from '../../../src/contacts/list/params';
import { readMapping } from '../../../src/connect/mapping';
import type { Database } from '../../../src/db/database';
import { seedContacts } from '../../../src/dev/seed';
import { SAMPLE_OWNER_IDS } from '../../../src/dev/sampleAccounts';
import { ALL_RECORDS, type OwnerScope } from '../../../src/connect/ownerScope';
import { syncSummary } from '../../../src/contacts/list/syncSummary';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase';
import { runRelease } from '../../support/runRelease';
import { sharedBuild } from '../../support/sharedBuild';

const quiet = () => undefined;

async function appIndexes(db: Database): Promise<{ name: string; valid: boolean }[]> {
  const result = await db.query<{ name: string; valid: boolean }>(
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname LIKE 'contact\\_card\\_%' ORDER BY c.relname`,
  );
  return result.rows;
}

/** The plans of the queries the list page runs for a URL's query string, within an owner scope. */
async function plansFor(
  db: Database,
  queryString: string,
  scope: OwnerScope = ALL_RECORDS,
): Promise<string> {
  const mapping = await readMapping(db, 'salesforce');
  const sql: [string, unknown[]][] = [];
  const recording: Database = {
    ...db,
    query: (text, params = []) => {
      sql.push([text, params]);
      return db.query(text, params);
    },
  };
  const query = parseListQuery(Object.fromEntries(new URLSearchParams(queryString)));
  await listContacts(recording, cappedCounts(), mapping, query, '', {
    account: null,
    ownerId: scope,
  });
  await syncSummary(recording, mapping, scope);
  const plans = await Promise.all(sql.map(([text, params]) => db.query(`EXPLAIN ${text}`, params)));
  return plans.flatMap((plan) => plan.rows.map((row) => String(row['QUERY PLAN']))).join('\n');
}

describe('the release index setup', () => {
  const build = sharedBuild();

  test('when the contact table does not exist yet, then the release command exits 0 and creates nothing', async () => {
    const empty = await createTestDatabase({ withSchema: false });
    try {
      const run = await runRelease(build, empty.url);

      expect(run.stdout).toContain('No salesforce.contact table yet');
      expect(await appIndexes(empty.db)).toEqual([]);
      const extensions = await empty.db.query(
        `SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`,
      );
      expect(extensions.rowCount).toBe(0);
    } finally {
      await empty.close();
    }
  });

  describe('on a contact table', () => {
    let t: TestDatabase;
    // Seeding 20,000 rows took over 10 s once on a busy CI machine.
    beforeAll(async () => {
      t = await createTestDatabase();
      await seedContacts(t.db, 'salesforce', 20_000);
    }, 90_000);
    afterAll(async () => {
      await t.close();
    });

    test('when it runs twice, then the second run changes nothing, every index is valid, and each run logs one summary line', async () => {
      const [firstLog, firstDetail, secondLog, secondDetail]: [
        string[],
        string[],
        string[],
        string[],
      ] = [[], [], [], []];
      const into = (lines: string[]) => (message: string) => {
        lines.push(message);
      };

      const first = await ensureListIndexes(t.db, 'salesforce', into(firstLog), into(firstDetail));
      const afterFirst = await appIndexes(t.db);
      const second = await ensureListIndexes(
        t.db,
        'salesforce',
        into(secondLog),
        into(secondDetail),
      );

      const built = first?.created.length ?? 0;
      expect(built).toBeGreaterThanOrEqual(11);
      expect(firstLog).toEqual([
        expect.stringMatching(
          new RegExp(`^Contact indexes ready: ${built} built in \\d+\\.\\d s\\.$`),
        ),
      ]);
      expect(firstDetail).toEqual(first?.created.map((name) => `Creating index ${name}`));
      expect(second).toEqual({ created: [], dropped: [] });
      expect(secondLog).toEqual([`Contact indexes ready: all ${built} present.`]);
      expect(secondDetail).toEqual([]);
      expect(await appIndexes(t.db)).toEqual(afterFirst);
      expect(afterFirst.every((index) => index.valid)).toBe(true);
    });

    test('when a build was interrupted and left its index invalid, then the next run rebuilds it', async () => {
      await ensureListIndexes(t.db, 'salesforce', quiet);
      const victim = (await appIndexes(t.db)).find((index) =>
        index.name.includes('sort_title_asc'),
      );
      const name = victim?.name ?? '';
      await t.db.query(`DROP INDEX salesforce.${name}`);
      // A unique build over duplicate titles fails half-way, as an interrupted one would.
      await expect(
        t.db.query(`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON salesforce.contact (title)`),
      ).rejects.toThrow(/could not create unique index/);
      expect((await appIndexes(t.db)).find((index) => index.name === name)?.valid).toBe(false);

      const repair = await ensureListIndexes(t.db, 'salesforce', quiet);

      expect(repair).toEqual({ created: [name], dropped: [name] });
      expect((await appIndexes(t.db)).find((index) => index.name === name)?.valid).toBe(true);
    });

    test('when an index of the app is no longer wanted, then it is dropped', async () => {
      await t.db.query('CREATE INDEX contact_card_retired_0badc0de ON salesforce.contact (name)');

      const changes = await ensureListIndexes(t.db, 'salesforce', quiet);

      expect(changes).toEqual({ created: [], dropped: ['contact_card_retired_0badc0de'] });
    });

    // Building the grams index over these 100,000 rows takes about 7 s by itself.
    test('when a large seed adds rows, then it drops the indexes first and the next run rebuilds them', async () => {
      await ensureListIndexes(t.db, 'salesforce', quiet);

      await seedContacts(t.db, 'salesforce', 80_000);
      const afterSeed = await appIndexes(t.db);
      const rebuilt = await ensureListIndexes(t.db, 'salesforce', quiet);

      expect(afterSeed).toEqual([]);
      expect(rebuilt?.created.length).toBeGreaterThanOrEqual(11);
    }, 90_000);

    test.each([
      ['the first page', '', 'sort_name_asc'],
      ['a deep page', 'page=400', 'sort_name_asc'],
      ['a title sort, descending', 'sort=title&dir=desc', 'sort_title_desc'],
      ['an email sort', 'sort=email', 'sort_email_asc'],
      ['a phone sort, descending', 'sort=phone&dir=desc', 'sort_phone_desc'],
      ['a sync sort', 'sort=sync', 'sort_sync_asc'],
      ['a rare search', 'q=olivia.smith1234', 'contact_card_search'],
      ['a rare two-letter search', 'q=zq', 'contact_card_search_short'],
      ['a common one-letter search', 'q=a', 'contact_card_search_short'],
      ['the failed-writes filter', 'sync=failed', 'contact_card_sync_state'],
    ])('when the list shows %s, then its queries use the matching index', async (_, url, index) => {
      await ensureListIndexes(t.db, 'salesforce', quiet);

      const plans = await plansFor(t.db, url);

      expect(plans).toContain(index);
    });

    test.each([
      ['first page', '', 'owner_name'],
      ['title sort, descending', 'sort=title&dir=desc', 'owner_title_desc'],
      ['email sort', 'sort=email', 'owner_email_asc'],
      ['phone sort, descending', 'sort=phone&dir=desc', 'owner_phone_desc'],
    ])(
      'when CONTACT_VISIBILITY=owner and the list shows one owner’s %s, then its queries use the owner’s index',
      async (_, url, index) => {
        await ensureListIndexes(t.db, 'salesforce', quiet, quiet, { visibility: 'owner' });

        const plans = await plansFor(t.db, url, SAMPLE_OWNER_IDS[1] ?? null);

        expect(plans).toContain(index);
      },
    );
  });
});
