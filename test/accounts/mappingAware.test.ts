import { insertContact, listedNames } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';
import { accountRowsIn, insertAccount, linkContact } from '../support/accounts';

describe('a mapping without Account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Before the first request, so the app reads a mapping in which Connect maps no Account.
    await t.db.query('DROP TABLE salesforce.account');
    await insertContact(t.db, {
      sfid: '003NOACCT000000001',
      firstname: 'Mary',
      lastname: 'Jackson',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when /accounts or an account is opened, then a 404 page says Account is not mapped', async () => {
    const agent = await t.signedInAgent();

    const list = await agent.get('/accounts');
    const account = await agent.get('/accounts/001ANYACCOUNT0001A');

    expect(list.status).toBe(404);
    expect(list.text).toContain('Account is not mapped in Heroku Connect');
    expect(account.status).toBe(404);
    expect(account.text).toContain('Account is not mapped in Heroku Connect');
  });

  test('when the contact pages are opened, then they work and the header has no Accounts link', async () => {
    const agent = await t.signedInAgent();

    const list = await agent.get('/contacts');
    const card = await agent.get('/contacts/003NOACCT000000001');

    expect(list.status).toBe(200);
    expect(listedNames(list.text)).toEqual(['Mary Jackson']);
    expect(card.status).toBe(200);
    expect(list.text).not.toContain('href="/accounts"');
  });
});

describe('a mapping without the relationship External ID', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN account__external_account_id__c');
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list and an account are opened, then contacts linked by AccountId are counted and listed', async () => {
    const account = await insertAccount(t.db, {
      sfid: '001NOREL0000000001',
      name: 'Linked By Id',
      external_account_id__c: 'acct-by-id',
    });
    const contact = await insertContact(t.db, { firstname: 'Dorothy', lastname: 'Vaughan' });
    await linkContact(t.db, contact.id, account, 'sfid');
    const agent = await t.signedInAgent();

    const list = await agent.get('/accounts');
    const page = await agent.get('/accounts/001NOREL0000000001');

    expect(list.status).toBe(200);
    expect(accountRowsIn(list.text)).toEqual([['Linked By Id', '', '', '', '1', 'SYNCED']]);
    expect(page.status).toBe(200);
    expect(listedNames(page.text)).toEqual(['Dorothy Vaughan']);
  });
});

describe('a mapping without Contact’s AccountId', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(
      'ALTER TABLE salesforce.contact DROP COLUMN accountid, DROP COLUMN account__external_account_id__c',
    );
    await insertAccount(t.db, { sfid: '001NOLINK000000001', name: 'Unlinked Co' });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list and an account are opened, then they show accounts without contacts columns', async () => {
    const agent = await t.signedInAgent();

    const list = await agent.get('/accounts');
    const page = await agent.get('/accounts/001NOLINK000000001');

    expect(list.status).toBe(200);
    expect(listedNames(list.text)).toEqual(['Unlinked Co']);
    expect(list.text).not.toContain('<th scope="col">Contacts</th>');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="contacts-heading"');
  });
});
