import { cappedCounts } from '../../../src/db/cappedCounts';
import { readMapping } from '../../../src/connect/mapping';
import { listContacts } from '../../../src/contacts/list/listContacts';
import { parseListQuery } from '../../../src/contacts/list/params';
import { insertAccount, linkContact } from '../../support/accounts';
import { insertContact, listedNames } from '../../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';

// Each contact's last name says where the sort by account must put it.
const BY_ACCOUNT_ASC = [
  'Ann Alpha1', // Alpha Ltd
  'Yan Alpha2', // Alpha Ltd
  'Carl Beta', // Beta Co, linked only by its External ID, as Connect has not sent it yet
  'Zed Gamma', // Gamma plc
  'Al None1', // no account, in name order, in both directions
  'Dee None2',
];
const BY_ACCOUNT_DESC = [
  'Zed Gamma',
  'Carl Beta',
  'Ann Alpha1',
  'Yan Alpha2',
  'Al None1',
  'Dee None2',
];

describe('the contact list sorted by account name', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const gamma = await insertAccount(t.db, { name: 'Gamma plc' });
    const alpha = await insertAccount(t.db, { name: 'Alpha Ltd' });
    const beta = await insertAccount(t.db, {
      name: 'Beta Co',
      sfid: null,
      external_account_id__c: 'b'.repeat(32),
    });
    const at = async (first: string, last: string) =>
      (
        await insertContact(t.db, {
          firstname: first,
          lastname: last,
          email: `${first}@example.com`,
        })
      ).id;
    // Inserted out of order, so neither id nor insertion order can pass for the sort.
    await at('Dee', 'None2');
    await linkContact(t.db, await at('Zed', 'Gamma'), gamma);
    await linkContact(t.db, await at('Yan', 'Alpha2'), alpha);
    await at('Al', 'None1');
    await linkContact(t.db, await at('Carl', 'Beta'), beta, 'externalId');
    await linkContact(t.db, await at('Ann', 'Alpha1'), alpha);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the Account header is clicked, then accounts come in name order, each one’s people by name, and contacts without an account last', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const list = await agent.get('/contacts');
    const res = await agent.get('/contacts?sort=account');

    expect(list.text).toContain('<a href="/contacts?sort=account">Account</a>');
    expect(res.status).toBe(200);
    expect(listedNames(res.text)).toEqual(BY_ACCOUNT_ASC);
    expect(res.text).toMatch(
      /<th scope="col" aria-sort="ascending"><a href="\/contacts\?sort=account&amp;dir=desc">Account/,
    );
  });

  test('when the sort is reversed, then accounts come in reverse name order and contacts without an account stay last', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const res = await agent.get('/contacts?sort=account&dir=desc');

    expect(listedNames(res.text)).toEqual(BY_ACCOUNT_DESC);
  });

  test('when the list is searched, then the matches keep the same order', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const res = await agent.get('/contacts?sort=account&q=example.com');

    expect(listedNames(res.text)).toEqual(BY_ACCOUNT_ASC);
  });

  test('when a search is known to have more matches than are counted, then the page read account by account has the same order as the one sorted in one statement', async () => {
    const mapping = await readMapping(t.db, 'salesforce');
    const counts = cappedCounts();
    const pages = [];
    for (const dir of ['asc', 'desc']) {
      const query = parseListQuery({ sort: 'account', dir, q: 'example.com' });
      const sorted = await listContacts(t.db, counts, mapping, query);
      // As after a search that counted past ROW_CAP: the page is then read by walking accounts.
      counts.remember(
        JSON.stringify([mapping.schema, query.q, query.sync, { account: null, ownerId: null }]),
      );
      const walked = await listContacts(t.db, counts, mapping, query);
      pages.push([sorted, walked].map((p) => p.contacts.map((c) => c.nameParts.join(' '))));
    }

    expect(pages).toEqual([
      [BY_ACCOUNT_ASC, BY_ACCOUNT_ASC],
      [BY_ACCOUNT_DESC, BY_ACCOUNT_DESC],
    ]);
  });

  test('when pages are turned, then every contact appears once, in order, whichever way the page is read', async () => {
    const mapping = await readMapping(t.db, 'salesforce');
    const accounts = [];
    for (const name of ['Page C', 'Page A', 'Page B']) {
      accounts.push(await insertAccount(t.db, { name }));
    }
    const expected: { account: string; name: string }[] = [];
    for (let i = 0; i < 30; i += 1) {
      // Last names in an order unrelated to the insertion order.
      const lastname = `P${String((i * 7) % 30).padStart(2, '0')}`;
      const contact = await insertContact(t.db, {
        firstname: 'Q',
        lastname,
        email: `q${i}@paging.test`,
      });
      const account = i % 5 === 0 ? null : (accounts[i % 3] ?? null);
      if (account) await linkContact(t.db, contact.id, account);
      expected.push({ account: account?.name ?? '~', name: `Q ${lastname}` });
    }
    expected.sort((a, b) => (a.account + a.name < b.account + b.name ? -1 : 1));
    const counts = cappedCounts();
    const read = async () => {
      const names = [];
      for (const page of ['1', '2']) {
        const query = parseListQuery({ sort: 'account', q: 'paging.test', page });
        names.push(
          ...(await listContacts(t.db, counts, mapping, query)).contacts.map((c) =>
            c.nameParts.join(' '),
          ),
        );
      }
      return names;
    };

    const sorted = await read();
    counts.remember(
      JSON.stringify([mapping.schema, 'paging.test', null, { account: null, ownerId: null }]),
    );
    const walked = await read();

    expect(sorted).toEqual(expected.map((e) => e.name));
    expect(walked).toEqual(sorted);
  });
});
