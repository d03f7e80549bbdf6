import { seedContacts } from '../../src/dev/seed';
import { validateContact } from '../../src/contacts/validation';
import { readMapping } from '../../src/connect/mapping';
import { countContacts } from '../support/contacts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const EVERY_SEEDED_COLUMN = `sfid, firstname, lastname, name, title, department, email, phone, mobilephone,
  mailingcity, mailingstate, mailingcountry, mailingpostalcode, external_contact_id__c,
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
      .map((row) => validateContact(row, mapping.fields))
      .filter((result) => !result.ok);

    expect(invalid).toEqual([]);
  });
});
