import type TestAgent from 'supertest/lib/agent';
import type { Database } from '../../src/db/database';
import { insertAccount as insertAccountRow } from '../support/accounts';
import { decodeHtml, readAsText } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

/** An account as Connect would have synced it, or (with `sfid: null`) one not yet sent. */
const insertAccount = async (
  db: Database,
  name: string,
  more: { sfid?: null; external?: string; city?: string } = {},
) =>
  (
    await insertAccountRow(db, {
      name,
      billingcity: more.city ?? null,
      external_account_id__c: more.external ?? null,
      ...(more.sfid === null ? { sfid: null, _hc_lastop: 'PENDING' } : {}),
    })
  ).sfid;

interface StoredLinks {
  accountid: string | null;
  account__external_account_id__c: string | null;
  ownerid: string | null;
}

const linksOf = async (db: Database, lastname: string) =>
  (
    await db.query<StoredLinks>(
      // The relationship column is read by name from the row: one test's mapping has none.
      `SELECT accountid, to_jsonb(c) ->> 'account__external_account_id__c' AS account__external_account_id__c,
              ownerid
         FROM salesforce.contact c WHERE lastname = $1`,
      [lastname],
    )
  ).rows;

/** The New contact form's hidden fields, as a browser that just opened it would post them. */
const openForm = async (agent: TestAgent) =>
  hiddenFieldsIn((await agent.get('/contacts/new')).text, '/contacts');

describe('the Account field of the New contact form', () => {
  let t: TestApp;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    agent = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when one account has the typed name in another case, then the contact is linked to it by sfid and owned by its creator', async () => {
    const sfid = await insertAccount(t.db, 'Globex Corporation');
    const form = { ...(await openForm(agent)), lastname: 'Linked', account: 'globex corporation' };

    const res = await agent.post('/contacts').type('form').send(form);

    expect(res.status).toBe(303);
    expect(await linksOf(t.db, 'Linked')).toEqual([
      {
        accountid: sfid,
        account__external_account_id__c: null,
        ownerid: TEST_USERS.editor.id,
      },
    ]);
    const card = await agent.get(res.headers.location ?? '');
    expect(readAsText(card.text)).toContain(`<a href="/accounts/${sfid}">Globex Corporation</a>`);
    expect(readAsText(card.text)).toContain('Eddie Editor');
  });

  test('when a Salesforce ID is pasted, then the contact is linked to that account', async () => {
    const sfid = await insertAccount(t.db, 'Initech');
    const form = { ...(await openForm(agent)), lastname: 'ByKey', account: sfid ?? '' };

    const res = await agent.post('/contacts').type('form').send(form);

    expect(res.status).toBe(303);
    expect((await linksOf(t.db, 'ByKey'))[0]?.accountid).toBe(sfid);
  });

  test('when two accounts share the name, then the form comes back listing both, and choosing one links it', async () => {
    await insertAccount(t.db, 'Umbrella', { city: 'Raccoon City' });
    const second = await insertAccount(t.db, 'UMBRELLA', { city: 'Paris' });
    const form = { ...(await openForm(agent)), lastname: 'Ambiguous', account: 'Umbrella' };

    const first = await agent.post('/contacts').type('form').send(form);

    expect(first.status).toBe(422);
    const text = decodeHtml(readAsText(first.text));
    expect(text).toContain('2 accounts are named “Umbrella”. Choose one');
    expect(text).toContain('Raccoon City');
    expect(text).toContain('Paris');
    expect(first.text).toContain('value="Umbrella"');
    expect(await linksOf(t.db, 'Ambiguous')).toEqual([]);

    const chosen = await agent
      .post('/contacts')
      .type('form')
      .send({ ...form, account_choice: second });

    expect(chosen.status).toBe(303);
    expect((await linksOf(t.db, 'Ambiguous'))[0]?.accountid).toBe(second);
  });

  test('when no account has the name, then the form offers to create it, and choosing that inserts both with the relationship External ID', async () => {
    const form = { ...(await openForm(agent)), lastname: 'Newcomer', account: 'Hooli <b>XYZ</b>' };

    const first = await agent.post('/contacts').type('form').send(form);

    expect(first.status).toBe(422);
    expect(decodeHtml(first.text)).toContain('No account is named “Hooli <b>XYZ</b>”.');
    expect(first.text).not.toContain('<b>XYZ</b>');
    expect(decodeHtml(first.text)).toContain('Create a new account named “Hooli <b>XYZ</b>”');

    const created = await agent
      .post('/contacts')
      .type('form')
      .send({ ...form, account_choice: 'new' });
    const again = await agent
      .post('/contacts')
      .type('form')
      .send({ ...form, account_choice: 'new' });

    expect([created.status, again.status]).toEqual([303, 303]);
    const stored = await t.db.query<{
      external_account_id__c: string;
      ownerid: string;
      _hc_lastop: string;
    }>(
      `SELECT external_account_id__c, ownerid, _hc_lastop FROM salesforce.account
        WHERE name = 'Hooli <b>XYZ</b>'`,
    );
    expect(stored.rows).toHaveLength(1);
    const account = stored.rows[0];
    expect(account?.ownerid).toBe(TEST_USERS.editor.id);
    expect(account?.external_account_id__c).toMatch(/^[0-9a-f]{32}$/);
    expect(await linksOf(t.db, 'Newcomer')).toEqual([
      {
        accountid: null,
        account__external_account_id__c: account?.external_account_id__c,
        ownerid: TEST_USERS.editor.id,
      },
    ]);
    const entries = await t.db.query<{ object: string; action: string; changes: unknown }>(
      `SELECT object, action, changes FROM contact_card.audit_entries
        WHERE external_id = $1`,
      [account?.external_account_id__c],
    );
    expect(entries.rows).toEqual([
      {
        object: 'account',
        action: 'create',
        changes: [{ field: 'name', label: 'Account name', from: '', to: 'Hooli <b>XYZ</b>' }],
      },
    ]);
    const card = await agent.get(created.headers.location ?? '');
    expect(decodeHtml(readAsText(card.text))).toContain(
      'Hooli <b>XYZ</b></a> (waiting for Salesforce)',
    );
  });

  test('when the Account field is left empty, then the contact has no account', async () => {
    const form = { ...(await openForm(agent)), lastname: 'Alone', account: '' };

    const res = await agent.post('/contacts').type('form').send(form);

    expect(res.status).toBe(303);
    expect((await linksOf(t.db, 'Alone'))[0]?.accountid).toBeNull();
  });

  test('when the shared sign-in creates a contact, then no owner is set and Connect leaves it to Salesforce', async () => {
    const shared = await t.signedInAgent();
    const form = { ...(await openForm(shared)), lastname: 'Unowned' };

    await shared.post('/contacts').type('form').send(form);

    expect((await linksOf(t.db, 'Unowned'))[0]?.ownerid).toBeNull();
  });
});

describe('the Account field without the relationship External ID column', () => {
  let t: TestApp;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN account__external_account_id__c');
    agent = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the form opens, then it says only accounts already in Salesforce can be chosen', async () => {
    const res = await agent.get('/contacts/new');

    expect(res.status).toBe(200);
    expect(decodeHtml(res.text)).toContain('Only accounts already in Salesforce can be chosen');
  });

  test('when no account has the name, then nothing is offered to create and nothing is written', async () => {
    const form = { ...(await openForm(agent)), lastname: 'NoRelationship', account: 'Vandelay' };

    const first = await agent
      .post('/contacts')
      .type('form')
      .send({ ...form, account_choice: 'new' });

    expect(first.status).toBe(422);
    expect(decodeHtml(first.text)).toContain('create the account in Salesforce first');
    expect(first.text).not.toContain('Create a new account');
    expect(await linksOf(t.db, 'NoRelationship')).toEqual([]);
    const made = await t.db.query("SELECT 1 FROM salesforce.account WHERE name = 'Vandelay'");
    expect(made.rowCount).toBe(0);
  });

  test('when the account has no sfid yet, then the form says to wait', async () => {
    await insertAccount(t.db, 'Pending Industries', { sfid: null, external: 'a'.repeat(32) });
    const form = { ...(await openForm(agent)), lastname: 'Waiting', account: 'Pending Industries' };

    const res = await agent.post('/contacts').type('form').send(form);

    expect(res.status).toBe(422);
    expect(decodeHtml(res.text)).toContain('has not reached Salesforce yet');
  });
});

describe('the New contact form without an Account mapping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query('DROP TABLE salesforce.account');
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a contact is created, then there is no Account field and an account in the post is ignored', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.editor);
    const page = await agent.get('/contacts/new');
    const form = { ...hiddenFieldsIn(page.text, '/contacts'), lastname: 'Unmapped', account: 'X' };

    const res = await agent.post('/contacts').type('form').send(form);

    expect(page.text).not.toContain('name="account"');
    expect(res.status).toBe(303);
    expect(await linksOf(t.db, 'Unmapped')).toHaveLength(1);
  });
});
