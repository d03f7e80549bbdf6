import { ensureAccountIndexes } from '../../src/accounts/list/indexes';
import { ensureListIndexes } from '../../src/contacts/list/indexes';
import type { Database } from '../../src/db/database';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const quiet = () => undefined;

async function appIndexesOn(db: Database, table: string): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND c.relname LIKE 'contact\\_card\\_%' AND i.indisvalid
      ORDER BY c.relname`,
    [`salesforce.${table}`],
  );
  return result.rows.map((row) => row.name);
}

async function plan(db: Database, sql: string, params: unknown[] = []): Promise<string> {
  const result = await db.query(`EXPLAIN ${sql}`, params);
  return result.rows.map((row) => String(row['QUERY PLAN'])).join('\n');
}

describe('the account indexes', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    // Enough rows that the planner prefers an index to reading the table.
    await t.db.query(
      `INSERT INTO salesforce.account (sfid, name, billingcity, external_account_id__c, _hc_lastop)
       SELECT '001IDX' || lpad(n::text, 12, '0'), 'Account ' || n, 'City ' || (n % 50),
              'acct-' || n, 'SYNCED'
         FROM generate_series(1, 20000) AS n`,
    );
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, lastname, accountid, account__external_account_id__c)
       SELECT '003IDX' || lpad(n::text, 12, '0'), 'Contact ' || n,
              CASE WHEN n % 10 > 0 THEN '001IDX' || lpad((n % 20000 + 1)::text, 12, '0') END,
              CASE WHEN n % 10 = 0 THEN 'acct-' || (n % 20000 + 1) END
         FROM generate_series(1, 60000) AS n`,
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  test('when they are built, then the account table has its name lookup, search and sort indexes and contact its two link indexes', async () => {
    await ensureAccountIndexes(t.db, 'salesforce', quiet);

    const onAccount = await appIndexesOn(t.db, 'account');
    const onContact = await appIndexesOn(t.db, 'contact');

    expect(onAccount.map((name) => name.replace(/_[0-9a-f]{8}$/, ''))).toEqual([
      // The contact form's lookup of an account by name (connect/accountLookup.ts).
      'contact_card_account_name',
      'contact_card_account_search',
      'contact_card_account_sort_city_asc',
      'contact_card_account_sort_city_desc',
      'contact_card_account_sort_name_asc',
      'contact_card_account_sort_name_desc',
      'contact_card_account_sort_sync_asc',
      'contact_card_account_sort_sync_desc',
      'contact_card_account_sync_state',
    ]);
    expect(onContact.map((name) => name.replace(/_[0-9a-f]{8}$/, ''))).toEqual([
      'contact_card_accounts__account_external_id',
      'contact_card_accounts__account_id',
    ]);
  }, 60_000);

  test('when the contact list builds its indexes before and after, then neither build drops the other’s', async () => {
    await ensureListIndexes(t.db, 'salesforce', quiet);
    await ensureAccountIndexes(t.db, 'salesforce', quiet);
    const accountsOnContact = (await appIndexesOn(t.db, 'contact')).filter((name) =>
      name.startsWith('contact_card_accounts__'),
    );

    const list = await ensureListIndexes(t.db, 'salesforce', quiet);
    const again = (await appIndexesOn(t.db, 'contact')).filter((name) =>
      name.startsWith('contact_card_accounts__'),
    );

    expect(list).toEqual({ created: [], dropped: [] });
    expect(again).toEqual(accountsOnContact);
    expect(again).toHaveLength(2);
  }, 60_000);

  test('when a page of accounts is read or the Account field looks up a name, then its sort, its search, its contact counts and the name lookup use the indexes', async () => {
    await ensureAccountIndexes(t.db, 'salesforce', quiet);

    const sorted = await plan(
      t.db,
      `SELECT id FROM salesforce.account WHERE isdeleted IS NOT TRUE
        ORDER BY "name" ASC NULLS LAST, id ASC LIMIT 25`,
    );
    const searched = await plan(
      t.db,
      `SELECT id FROM salesforce.account
        WHERE isdeleted IS NOT TRUE AND lower(coalesce(name, '')) LIKE lower($1)`,
      ['%account 1234%'],
    );
    const counted = await plan(
      t.db,
      `SELECT count(*) FROM salesforce.contact AS linked
        WHERE isdeleted IS NOT TRUE AND (linked.accountid = $1 OR linked.account__external_account_id__c = $2)`,
      ['001IDX000000000042', 'acct-42'],
    );

    const named = await plan(
      t.db,
      `SELECT id FROM salesforce.account
        WHERE lower(name) = lower($1) AND isdeleted IS NOT TRUE LIMIT 11`,
      ['Account 1234'],
    );

    expect(named).toMatch(/Index Scan (using|on) contact_card_account_name_/);
    expect(sorted).toMatch(/Index (Only )?Scan using contact_card_account_sort_name_asc_/);
    expect(searched).toMatch(/Bitmap Index Scan on contact_card_account_search_/);
    expect(counted).toMatch(/Bitmap Index Scan on contact_card_accounts__account_id_/);
    expect(counted).toMatch(/Bitmap Index Scan on contact_card_accounts__account_external_id_/);
  }, 60_000);
});
