import { insertContact, listedNames } from '../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { triggerLogTablesSql } from '../../src/emulator/triggerSql';
import { insertAccount, linkContact } from '../support/accounts';

describe('account page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when an account is opened by sfid, then it shows its mapped fields with their labels', async () => {
    await insertAccount(t.db, {
      sfid: '001PAGE0000000001A',
      name: 'Wayne Enterprises',
      industry: 'Technology',
      billingcity: 'Gotham',
    });
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const res = await agent.get('/accounts/001PAGE0000000001A');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1><bdi>Wayne Enterprises</bdi></h1>');
    expect(res.text).toContain('<dt>Industry</dt><dd dir="auto">Technology</dd>');
    expect(res.text).toContain('<dt>Billing city</dt><dd dir="auto">Gotham</dd>');
    expect(res.text).toContain('<dd>001PAGE0000000001A</dd>');
    expect(res.text).toContain('badge-synced');
  });

  test('when an account has contacts, then it lists them, including one linked only by its External ID', async () => {
    const account = await insertAccount(t.db, {
      sfid: '001PAGE0000000002A',
      name: 'Stark Industries',
      external_account_id__c: 'acct-stark',
    });
    const synced = await insertContact(t.db, {
      firstname: 'Pepper',
      lastname: 'Potts',
      title: 'CEO',
      email: 'pepper@stark.example',
      sfid: '003PAGE0000000001A',
    });
    const waiting = await insertContact(t.db, {
      firstname: 'Happy',
      lastname: 'Hogan',
      sfid: null,
      external_contact_id__c: 'contact-happy',
      _hc_lastop: 'PENDING',
    });
    await insertContact(t.db, { firstname: 'Not', lastname: 'Linked' });
    await linkContact(t.db, synced.id, account, 'sfid');
    await linkContact(t.db, waiting.id, account, 'externalId');
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts/001PAGE0000000002A');

    expect(listedNames(res.text)).toEqual(['Happy Hogan', 'Pepper Potts']);
    expect(res.text).toContain('href="/contacts/003PAGE0000000001A"');
    expect(res.text).toContain('href="/contacts/contact-happy"');
    expect(res.text).toContain('pepper@stark.example');
    expect(res.text).toContain('badge-pending');
    expect(res.text).toContain('<p class="summary" id="contact-count">2 contacts</p>');
  });

  test('when an account has more contacts than a page holds, then ?page=2 shows the rest', async () => {
    const account = await insertAccount(t.db, { sfid: '001PAGE0000000003A', name: 'Big Co' });
    for (let i = 1; i <= 27; i += 1) {
      const contact = await insertContact(t.db, {
        lastname: `Staff ${String(i).padStart(2, '0')}`,
      });
      await linkContact(t.db, contact.id, account);
    }
    const agent = await t.signedInAgent();

    const first = await agent.get('/accounts/001PAGE0000000003A');
    const second = await agent.get('/accounts/001PAGE0000000003A?page=2');

    expect(listedNames(first.text)).toHaveLength(25);
    expect(first.text).toContain('href="/accounts/001PAGE0000000003A?page=2" rel="next"');
    expect(first.text).toContain('Page 1 of 2');
    expect(listedNames(second.text).map((name) => name.replace('Ada ', ''))).toEqual([
      'Staff 26',
      'Staff 27',
    ]);
  });

  test('when an account not yet synced is opened by its External ID, then it shows it as pending', async () => {
    await insertAccount(t.db, {
      sfid: null,
      name: 'Queued Ltd',
      external_account_id__c: 'acct-queued',
      _hc_lastop: 'PENDING',
    });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts/acct-queued');

    expect(res.status).toBe(200);
    expect(res.text).toContain('Not yet assigned');
    expect(res.text).toContain('Pending sync');
  });

  test('when an account has synced since a link to its External ID was made, then that link redirects to its sfid', async () => {
    await insertAccount(t.db, {
      sfid: '001PAGE0000000004A',
      name: 'Moved Ltd',
      external_account_id__c: 'acct-moved',
    });
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts/acct-moved');

    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/accounts/001PAGE0000000004A');
  });

  test('when the key names no account, then the page says so with 404', async () => {
    const agent = await t.signedInAgent();

    const unknown = await agent.get('/accounts/001NOSUCHACCOUNTAA');
    const malformed = await agent.get('/accounts/not%20a%20key');

    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('There is no account at this address.');
    expect(malformed.status).toBe(404);
  });

  test('when a signed-out visitor opens an account, then they are sent to sign in', async () => {
    const res = await t.agent().get('/accounts/001PAGE0000000001A');

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });
});

describe('account page with Connect’s trigger log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Before the first request, so the mapping the app reads has the trigger log.
    for (const sql of triggerLogTablesSql('salesforce')) await t.db.query(sql);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when Salesforce rejected the account, then the page shows its readable error and write history', async () => {
    const account = await insertAccount(t.db, {
      sfid: '001PAGE0000000005A',
      name: 'Rejected Inc',
      _hc_lastop: 'FAILED',
      _hc_err: '{"op":"UPDATE","src":"SFDC","msg":"Website: invalid URL <b>"}',
    });
    await t.db.query(
      `INSERT INTO salesforce._trigger_log (table_name, record_id, action, state, sf_message, created_at)
       VALUES ('account', $1, 'UPDATE', 'FAILED', 'INVALID_FIELD: bad', now()),
              ('contact', $1, 'UPDATE', 'SUCCESS', 'about a contact', now())`,
      [account.id],
    );
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts/001PAGE0000000005A');

    expect(res.text).toContain('Website: invalid URL &lt;b&gt;');
    expect(res.text).toContain('INVALID_FIELD: bad');
    expect(res.text).not.toContain('about a contact');
  });
});
