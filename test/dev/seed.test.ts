import { seedContacts, seedSampleData } from '../../src/dev/seed';
import { validateFields } from '../../src/records/validation';
import { readMapping } from '../../src/connect/mapping';
import { countContacts } from '../support/contacts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const EVERY_SEEDED_COLUMN = `sfid, firstname, lastname, name, title, department, email, phone, mobilephone,
  mailingcity, mailingstate, mailingcountry, mailingpostalcode, external_contact_id__c,
  createddate, systemmodstamp, isdeleted, _hc_lastop, accountid, ownerid`;

const EVERY_ACCOUNT_COLUMN = `sfid, name, website, phone, industry, type, billingcity,
  billingstate, billingpostalcode, billingcountry, external_account_id__c, ownerid,
  createddate, systemmodstamp, isdeleted, _hc_lastop`;

describe('seeding sample contacts', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  const rowsOf = async (target: TestDatabase) =>
    (
      await target.db.query<Record<string, unknown>>(
        `SELECT ${EVERY_SEEDED_COLUMN} FROM salesforce.contact ORDER BY sfid`,
      )
    ).rows;

  test('when 200 contacts are seeded into two fresh databases, then both hold exactly the same rows', async () => {
    const inserted = await Promise.all([
      seedContacts(first.db, 'salesforce', 200),
      seedContacts(second.db, 'salesforce', 200),
    ]);

    expect(inserted).toEqual([200, 200]);
    const [a, b] = await Promise.all([rowsOf(first), rowsOf(second)]);
    expect(a).toHaveLength(200);
    expect(b).toEqual(a);
  });

  test('when seeding runs again, then it adds nothing and changes nothing', async () => {
    const before = await rowsOf(first);

    const inserted = await seedContacts(first.db, 'salesforce', 200);

    expect(inserted).toBe(0);
    expect(await rowsOf(first)).toEqual(before);
  });

  test('when seeding asks for more, then only the new numbers are added', async () => {
    const inserted = await seedContacts(first.db, 'salesforce', 250);

    expect(inserted).toBe(50);
    expect(await countContacts(first.db)).toBe(250);
  });

  test('when sample contacts are seeded, then they look like synced Salesforce contacts with unique keys', async () => {
    const rows = await rowsOf(second);

    expect(new Set(rows.map((row) => row.sfid)).size).toBe(200);
    expect(new Set(rows.map((row) => row.email)).size).toBe(200);
    for (const row of rows) {
      expect(row).toMatchObject({ _hc_lastop: 'SYNCED', isdeleted: false });
      expect(row.sfid).toMatch(/^003[0-9A-Za-z]{15}$/);
      expect(row.name).toBe(`${String(row.firstname)} ${String(row.lastname)}`);
    }
  });

  test('when a sample contact is opened for editing, then its values pass the edit form’s validation', async () => {
    const mapping = await readMapping(second.db, 'salesforce');
    const rows = await rowsOf(second);

    const invalid = rows
      .map((row) => validateFields(row, mapping.fields))
      .filter((result) => !result.ok);

    expect(invalid).toEqual([]);
  });

  describe('with accounts and owners', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase();
    });
    afterAll(async () => {
      await t.close();
    });

    type Row = Record<string, unknown>;
    const snapshot = async () => ({
      contacts: (
        await t.db.query<Row>(`SELECT ${EVERY_SEEDED_COLUMN} FROM salesforce.contact ORDER BY sfid`)
      ).rows,
      accounts: (
        await t.db.query<Row>(
          `SELECT ${EVERY_ACCOUNT_COLUMN} FROM salesforce.account ORDER BY sfid`,
        )
      ).rows,
      users: (
        await t.db.query<Row>(
          'SELECT sfid, name, email, isactive FROM salesforce."user" ORDER BY sfid',
        )
      ).rows,
    });

    test('when 70 contacts are seeded, then there are 10 accounts and the org’s users, and most contacts have an account and all an active owner', async () => {
      const counts = await seedSampleData(t.db, 'salesforce', 70);

      expect(counts).toEqual({ contacts: 70, accounts: 10, users: 5, linked: 0 });
      const { contacts, accounts, users } = await snapshot();
      expect(users).toContainEqual({
        sfid: '005000000000001AAA',
        name: 'Ada Admin',
        email: 'ada.admin@contactcard.example',
        isactive: true,
      });
      expect(users).toContainEqual(
        expect.objectContaining({ name: 'Ian Inactive', isactive: false }),
      );
      const active = new Set(users.filter((u) => u.isactive).map((u) => u.sfid));
      const accountIds = new Set(accounts.map((a) => a.sfid));
      for (const account of accounts) {
        expect(account.sfid).toMatch(/^001[0-9A-Za-z]{15}$/);
        expect(account).toMatchObject({ _hc_lastop: 'SYNCED', isdeleted: false });
        expect(active.has(account.ownerid)).toBe(true);
        expect(account.name).toMatch(/^\S+ \S+/);
      }
      expect(new Set(accounts.map((a) => a.name)).size).toBe(10);
      expect(accounts.filter((a) => a.external_account_id__c !== null).length).toBeGreaterThan(0);
      for (const contact of contacts) expect(active.has(contact.ownerid)).toBe(true);
      const withAccount = contacts.filter((c) => c.accountid !== null);
      expect(withAccount).toHaveLength(63);
      for (const contact of withAccount) expect(accountIds.has(contact.accountid)).toBe(true);
      const perAccount = new Map<unknown, number>();
      for (const c of withAccount)
        perAccount.set(c.accountid, (perAccount.get(c.accountid) ?? 0) + 1);
      expect(perAccount.size).toBe(10);
      expect(Math.min(...perAccount.values())).toBeGreaterThanOrEqual(5);
    });

    test('when seeding runs again, then it adds and changes nothing', async () => {
      const before = await snapshot();

      const counts = await seedSampleData(t.db, 'salesforce', 70);

      expect(counts).toEqual({ contacts: 0, accounts: 0, users: 0, linked: 0 });
      expect(await snapshot()).toEqual(before);
    });

    test('when contacts were seeded before accounts and owners, then seeding again links them to the same ones a fresh seed gives', async () => {
      const expected = (await snapshot()).contacts;
      await t.db.query('UPDATE salesforce.contact SET accountid = NULL, ownerid = NULL');

      const counts = await seedSampleData(t.db, 'salesforce', 70);

      expect(counts).toEqual({ contacts: 0, accounts: 0, users: 0, linked: 70 });
      expect((await snapshot()).contacts).toEqual(expected);
    });
  });
});
