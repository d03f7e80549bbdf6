import { insertContact, listedNames, matchCountIn } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';
import { accountRowsIn, insertAccount, linkContact } from '../support/accounts';

describe('account list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a signed-in user opens the list, then each account shows its details and how many contacts it has', async () => {
    const account = await insertAccount(t.db, {
      name: 'Acme Rockets',
      website: 'https://acme.example',
      phone: '+1 555 0199',
      billingcity: 'Tucson',
      billingcountry: 'USA',
      external_account_id__c: 'acct-acme',
    });
    const bySfid = await insertContact(t.db, { lastname: 'Coyote' });
    const byExternalId = await insertContact(t.db, { lastname: 'Runner', sfid: null });
    await linkContact(t.db, bySfid.id, account, 'sfid');
    await linkContact(t.db, byExternalId.id, account, 'externalId');
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=Acme');

    expect(res.status).toBe(200);
    expect(accountRowsIn(res.text)).toEqual([
      ['Acme Rockets', 'https://acme.example', '+1 555 0199', 'Tucson, USA', '2', 'SYNCED'],
    ]);
    expect(res.text).toContain(`href="/accounts/${account.sfid}"`);
    expect(matchCountIn(res.text)).toBe('1 account matching “Acme” · Show all');
  });

  test('when Account is mapped, then the header of a contact page links to the accounts', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    expect(res.text).toContain('<a href="/accounts">Accounts</a>');
  });

  test('when the list is searched by part of a name in another case, then it finds the account', async () => {
    await insertAccount(t.db, { name: 'Globex Corporation' });
    await insertAccount(t.db, { name: 'Initech' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=BEX%20corp');

    expect(listedNames(res.text)).toEqual(['Globex Corporation']);
  });

  test('when a name holds markup, then the list shows it as text', async () => {
    await insertAccount(t.db, { name: '<script>alert(1)</script> Ltd' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=%3Cscript');

    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ltd');
    expect(listedNames(res.text)).toEqual(['<script>alert(1)</script> Ltd']);
  });

  test('when the search holds LIKE wildcards, then they match only themselves', async () => {
    await insertAccount(t.db, { name: 'Percent 100% Inc' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=100%25');

    expect(listedNames(res.text)).toEqual(['Percent 100% Inc']);
  });

  test('when sorted by name either way, then the rows come in that order and the header says so', async () => {
    for (const name of ['Sortable B', 'Sortable C', 'Sortable A']) {
      await insertAccount(t.db, { name });
    }
    const agent = await t.signedInAgent();

    const ascending = await agent.get('/accounts?q=sortable');
    const descending = await agent.get('/accounts?q=sortable&sort=name&dir=desc');

    expect(listedNames(ascending.text)).toEqual(['Sortable A', 'Sortable B', 'Sortable C']);
    expect(listedNames(descending.text)).toEqual(['Sortable C', 'Sortable B', 'Sortable A']);
    expect(descending.text).toContain('aria-sort="descending"');
    expect(descending.text).toContain('href="/accounts?q=sortable">Name');
  });

  test('when sorted by billing city, then accounts without one come last', async () => {
    await insertAccount(t.db, { name: 'City Zed', billingcity: 'Zurich' });
    await insertAccount(t.db, { name: 'City None', billingcity: null });
    await insertAccount(t.db, { name: 'City Ay', billingcity: 'Amsterdam' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=city&sort=city');

    expect(listedNames(res.text)).toEqual(['City Ay', 'City Zed', 'City None']);
  });

  test('when there are more accounts than a page holds, then the pages split them and link to each other', async () => {
    for (let i = 1; i <= 30; i += 1) {
      await insertAccount(t.db, { name: `Paged ${String(i).padStart(2, '0')}` });
    }
    const agent = await t.signedInAgent();

    const first = await agent.get('/accounts?q=paged');
    const second = await agent.get('/accounts?q=paged&page=2');
    const fifty = await agent.get('/accounts?q=paged&perPage=50');

    expect(listedNames(first.text)).toHaveLength(25);
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain('href="/accounts?q=paged&amp;page=2" rel="next"');
    expect(listedNames(second.text)).toEqual([
      'Paged 26',
      'Paged 27',
      'Paged 28',
      'Paged 29',
      'Paged 30',
    ]);
    expect(matchCountIn(second.text)).toBe('30 accounts matching “paged” · Show all');
    expect(listedNames(fifty.text)).toHaveLength(30);
  });

  test('when the query string is malformed, then the list falls back to its defaults', async () => {
    await insertAccount(t.db, { name: 'Defaults Inc' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=defaults&sort=evil&dir=sideways&page=-3&perPage=7');

    expect(res.status).toBe(200);
    expect(listedNames(res.text)).toEqual(['Defaults Inc']);
    expect(res.text).toContain('<option value="25" selected>');
    expect(res.text).toContain(
      'aria-sort="ascending"><a href="/accounts?q=defaults&amp;dir=desc">Name',
    );
  });

  test('when a deleted account matches, then it is not listed', async () => {
    await insertAccount(t.db, { name: 'Vanished Co', isdeleted: true });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=vanished');

    expect(listedNames(res.text)).toEqual([]);
    expect(res.text).toContain('No accounts match.');
  });

  test('when the contact list’s header link to pending accounts is followed, then only pending accounts are listed, and a search keeps the filter', async () => {
    await insertAccount(t.db, { name: 'Waiting Widgets', sfid: null, _hc_lastop: 'PENDING' });
    await insertAccount(t.db, { name: 'Waiting Gadgets', sfid: null, _hc_lastop: 'PENDING' });
    await insertAccount(t.db, { name: 'Waiting Synced', _hc_lastop: 'SYNCED' });
    const agent = await t.signedInAgent();
    const contacts = await agent.get('/contacts');

    const pending = await agent.get('/accounts?sync=pending');
    const searched = await agent.get('/accounts?sync=pending&q=widgets');

    expect(contacts.text).toContain('href="/accounts?sync=pending"');
    expect(listedNames(pending.text)).toEqual(['Waiting Gadgets', 'Waiting Widgets']);
    expect(matchCountIn(pending.text)).toContain('2 accounts with sync state PENDING');
    expect(pending.text).toContain('<input type="hidden" name="sync" value="pending">');
    expect(listedNames(searched.text)).toEqual(['Waiting Widgets']);
  });

  test('when a signed-out visitor opens the list, then they are sent to sign in', async () => {
    const res = await t.agent().get('/accounts');

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });
});
