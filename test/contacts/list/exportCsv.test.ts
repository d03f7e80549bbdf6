import type TestAgent from 'supertest/lib/agent';
import { readMapping } from '../../../src/connect/mapping';
import { writeContactsCsv } from '../../../src/contacts/list/exportCsv';
import { parseListQuery } from '../../../src/contacts/list/params';
import { NOT_NARROWED } from '../../../src/contacts/list/sql';
import { insertAccount, linkContact } from '../../support/accounts';
import { parseCsv } from '../../support/auditCsv';
import { decodeHtml, insertContact, listedKeys } from '../../support/contacts';
import { FullSink } from '../../support/fullSink';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';

const FULL_HEADER = [
  'Salesforce Id',
  'External Id',
  'First Name',
  'Last Name',
  'Title',
  'Email',
  'Phone',
  'Department',
  'Mobile Phone',
  'Mailing Street',
  'Mailing City',
  'Mailing State/Province',
  'Mailing Zip/Postal Code',
  'Mailing Country',
  'Description',
  'Account',
  'Account Id',
  'Owner',
  'Owner Id',
  'Sync State',
];

const today = () => new Date().toISOString().slice(0, 10);

/** The download's lines as cells, after checking it is a UTF-8 CSV file with a byte order mark. */
function csvOf(res: { status: number; headers: Record<string, string>; text: string }) {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.text.startsWith('\uFEFF')).toBe(true);
  const [header = [], ...rows] = parseCsv(res.text.slice(1));
  return { header, rows, column: (name: string) => rows.map((row) => row[header.indexOf(name)]) };
}

describe('the contact list as CSV', () => {
  let t: TestApp;
  let viewer: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const alpha = await insertAccount(t.db, { name: 'Alpha Ltd' });
    const gamma = await insertAccount(t.db, { name: 'Gamma plc' });
    const beta = await insertAccount(t.db, {
      name: 'Beta Co',
      sfid: null,
      external_account_id__c: 'e'.repeat(32),
    });
    // 60 matches of "export", more than a page; names, emails and accounts out of insertion order.
    for (let i = 0; i < 60; i += 1) {
      const n = (i * 37) % 60;
      const row = await insertContact(t.db, {
        firstname: `F${String(n % 7)}`,
        lastname: `Export ${String(n % 13).padStart(2, '0')}`,
        email: `e${String((n * 11) % 60).padStart(2, '0')}@example.com`,
      });
      if (i % 4 === 1) await linkContact(t.db, row.id, alpha);
      if (i % 4 === 2) await linkContact(t.db, row.id, gamma);
      if (i % 8 === 3) await linkContact(t.db, row.id, beta, 'externalId');
    }
    await insertContact(t.db, { firstname: 'Other', lastname: 'Person', email: 'o@example.com' });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a search matches more than a page, then the file has every match, the list’s columns and a dated name', async () => {
    const page = await viewer.get('/contacts?q=export');
    const res = await viewer.get('/contacts.csv?q=export');

    expect(listedKeys(page.text)).toHaveLength(25);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="contacts-${today()}.csv"`,
    );
    const csv = csvOf(res);
    expect(csv.header).toEqual(FULL_HEADER);
    expect(csv.rows).toHaveLength(60);
    expect(csv.column('Last Name').every((name) => name?.startsWith('Export '))).toBe(true);
    expect(csv.column('Sync State').every((state) => state === 'SYNCED')).toBe(true);
  });

  test.each([
    ['name', 'asc'],
    ['email', 'desc'],
    ['account', 'asc'],
    ['account', 'desc'],
  ])('when sorted by %s %s, then the rows come in the list’s order', async (sort, dir) => {
    const list = await viewer.get(`/contacts?q=export&sort=${sort}&dir=${dir}&perPage=100`);
    const res = await viewer.get(`/contacts.csv?q=export&sort=${sort}&dir=${dir}`);

    const keys = listedKeys(list.text);
    expect(keys).toHaveLength(60);
    expect(csvOf(res).column('Salesforce Id')).toEqual(keys);
  });

  test('when the whole list is sorted by account, then its order is the list’s pages in turn', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page += 1) {
      const res = await viewer.get(`/contacts?sort=account&perPage=25&page=${String(page)}`);
      pages.push(...listedKeys(res.text));
    }
    const csv = csvOf(await viewer.get('/contacts.csv?sort=account'));

    expect(pages).toHaveLength(61);
    expect(csv.column('Salesforce Id')).toEqual(pages);
    expect(csv.column('Account').slice(0, 2)).toEqual(['Alpha Ltd', 'Alpha Ltd']);
  });

  test('when the list is shown, then Download CSV carries its search, filters and sort but not its page', async () => {
    const res = await viewer.get('/contacts?q=export&sort=email&dir=desc&page=2&perPage=50');

    const link = /<a href="([^"]*)" download>Download CSV<\/a>/.exec(res.text);
    expect(decodeHtml(link?.[1] ?? '')).toBe('/contacts.csv?q=export&sort=email&dir=desc');
  });

  test('when values hold commas, quotes, line breaks or start like a formula, then each reads back whole and inert', async () => {
    await insertContact(t.db, {
      firstname: '=cmd|/c calc',
      lastname: 'Quoteworthy',
      title: 'Head, "Sales"\r\nEMEA',
      phone: '+1 555 0100',
      department: '-2+3',
      description: '@SUM(A1)',
    });

    const csv = csvOf(await viewer.get('/contacts.csv?q=quoteworthy'));

    expect(csv.rows).toHaveLength(1);
    expect(csv.column('First Name')).toEqual(["'=cmd|/c calc"]);
    expect(csv.column('Title')).toEqual(['Head, "Sales"\r\nEMEA']);
    expect(csv.column('Phone')).toEqual(["'+1 555 0100"]);
    expect(csv.column('Department')).toEqual(["'-2+3"]);
    expect(csv.column('Description')).toEqual(["'@SUM(A1)"]);
  });

  test('when the query string is nonsense, then the file falls back as the list does', async () => {
    const res = await viewer.get('/contacts.csv?sort=nope&dir=sideways&sync=maybe&page=-1&q[]=x');

    expect(csvOf(res).rows).toHaveLength(62);
  });

  test('when nobody is signed in, then it redirects to sign-in and sends no contact', async () => {
    const res = await t.agent().get('/contacts.csv?q=export');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(
      `/signin?next=${encodeURIComponent('/contacts.csv?q=export')}`,
    );
    expect(res.text).not.toContain('Export');
  });

  test('when the client stops reading and goes away, then no further batch is read', async () => {
    await t.db.query(
      `INSERT INTO salesforce.contact (lastname, sfid, systemmodstamp)
       SELECT 'Bulk ' || n, '003BULK' || lpad(n::text, 8, '0') || 'AAA', now()
         FROM generate_series(1, 2500) AS n`,
    );
    const mapping = await readMapping(t.db, 'salesforce');
    const sink = new FullSink();
    const list = { query: parseListQuery({ q: 'bulk' }), narrowing: NOT_NARROWED };

    const header = sink.writes();
    const done = writeContactsCsv(t.db, mapping, list, sink);
    await header;
    const firstBatch = sink.writes();
    sink.emit('drain');
    await firstBatch;
    sink.destroyed = true;
    sink.emit('close');
    await done;

    expect(sink.chunks).toHaveLength(2);
    expect(sink.chunks.join('').split('\r\n')).toHaveLength(1002);
  });
});

describe('the contact CSV and the mapping', () => {
  test('when Connect maps only some fields, then only those columns are in the file', async () => {
    const t = await startTestApp();
    try {
      await t.db.query(
        `ALTER TABLE salesforce.contact DROP COLUMN department, DROP COLUMN mobilephone,
           DROP COLUMN ownerid, DROP COLUMN accountid, DROP COLUMN mailingstreet`,
      );
      await insertContact(t.db, { firstname: 'Mae', lastname: 'Mapped' });

      const csv = csvOf(await t.agentSignedInAs(TEST_USERS.viewer).get('/contacts.csv'));

      expect(csv.header).toEqual(
        FULL_HEADER.filter(
          (name) =>
            !['Department', 'Mobile Phone', 'Mailing Street'].includes(name) &&
            !name.startsWith('Account') &&
            !name.startsWith('Owner'),
        ),
      );
      expect(csv.column('Last Name')).toEqual(['Mapped']);
    } finally {
      await t.close();
    }
  });
});

describe('the contact CSV with CONTACT_VISIBILITY=owner', () => {
  test('when a viewer exports, then the file holds only the contacts they own; an admin’s holds all', async () => {
    const t = await startTestApp({ env: { CONTACT_VISIBILITY: 'owner' } });
    try {
      const own = await insertContact(t.db, { firstname: 'Vi', lastname: 'Owned' });
      const other = await insertContact(t.db, { firstname: 'Ed', lastname: 'Others' });
      await t.db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE id = $2', [
        TEST_USERS.viewer.id,
        own.id,
      ]);
      await t.db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE id = $2', [
        TEST_USERS.editor.id,
        other.id,
      ]);

      const mine = csvOf(await t.agentSignedInAs(TEST_USERS.viewer).get('/contacts.csv'));
      const all = csvOf(await t.agentSignedInAs(TEST_USERS.admin).get('/contacts.csv'));

      expect(mine.column('Last Name')).toEqual(['Owned']);
      expect(mine.column('Owner Id')).toEqual([TEST_USERS.viewer.id]);
      expect(all.column('Last Name')).toEqual(['Others', 'Owned']);
    } finally {
      await t.close();
    }
  });
});
