import { ensureAccountIndexes } from '../../src/accounts/list/indexes';
import { findDuplicates } from '../../src/connect/duplicateContacts';
import { ensureDuplicateIndexes } from '../../src/connect/duplicateIndexes';
import { readMapping } from '../../src/connect/mapping';
import { ensureListIndexes } from '../../src/contacts/list/indexes';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const quiet = () => undefined;

describe('the duplicate finder', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    // Enough rows that the planner prefers an index to reading the table.
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, email, accountid, _hc_lastop)
       SELECT '003DUP' || lpad(n::text, 12, '0'), 'First' || n, 'Last' || n,
              'person' || n || '@Example.com', '001DUP' || lpad((n % 2000)::text, 12, '0'), 'SYNCED'
         FROM generate_series(1, 20000) AS n`,
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  test("when the list's, the accounts' and its own indexes are built, then none drops another's, and its email lookup reads its index", async () => {
    await ensureDuplicateIndexes(t.db, 'salesforce', quiet);
    await ensureListIndexes(t.db, 'salesforce', quiet);
    await ensureAccountIndexes(t.db, 'salesforce', quiet);
    await ensureDuplicateIndexes(t.db, 'salesforce', quiet);

    const names = await t.db.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes
        WHERE schemaname = 'salesforce' AND indexname LIKE 'contact\\_card\\_duplicates\\_\\_%'`,
    );
    expect(names.rows.map((row) => row.name.replace(/_[0-9a-f]{8}$/, ''))).toEqual([
      'contact_card_duplicates__email_lower',
    ]);
    const plan = await t.db.query(
      `EXPLAIN SELECT id FROM salesforce.contact WHERE lower(email) = lower($1)
         AND isdeleted IS NOT TRUE`,
      ['PERSON77@example.com'],
    );
    expect(plan.rows.map((row) => String(row['QUERY PLAN'])).join('\n')).toContain(
      'contact_card_duplicates__email_lower',
    );
  });

  test('when many contacts are checked at once, then each gets its own likely duplicates, in order, never itself', async () => {
    const mapping = await readMapping(t.db, 'salesforce');
    const self = await t.db.query<{ id: number }>(
      `SELECT id FROM salesforce.contact WHERE sfid = '003DUP000000000042'`,
    );
    const probe = (email: string, firstname = '', lastname = '', self: number | null = null) => ({
      email,
      firstname,
      lastname,
      account: { sfid: '001DUP000000000042', externalId: null },
      self,
    });

    const found = await findDuplicates(
      t.db,
      mapping,
      [
        probe('nobody@example.com'),
        probe('PERSON5@example.com'),
        probe('person42@example.com', ' first42 ', 'LAST42', self.rows[0]?.id ?? null),
        probe('', 'First2042', 'Last2042'),
      ],
      null,
    );

    expect(found.map((twins) => twins.map((twin) => twin.email))).toEqual([
      [],
      ['person5@Example.com'],
      [],
      ['person2042@Example.com'],
    ]);
  });
});
