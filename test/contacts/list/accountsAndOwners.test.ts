import type { Database } from '../../../src/db/database';
import { insertAccount, linkContact } from '../../support/accounts';
import {
  decodeHtml,
  insertContact,
  listedNames,
  matchCountIn,
  readAsText,
} from '../../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';

const ownedBy = (db: Database, contactId: number, ownerId: string) =>
  db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE id = $2', [ownerId, contactId]);

describe('the contact list with accounts and owners', () => {
  let t: TestApp;
  let acme: {
    sfid: string | null;
    name: string | null;
    id: number;
    external_account_id__c: string | null;
  };
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(
      `INSERT INTO salesforce."user" (sfid, name, email, isactive)
       VALUES ($1, 'Eddie Editor', 'eddie@example.com', true)`,
      [TEST_USERS.editor.id],
    );
    acme = await insertAccount(t.db, {
      name: 'Acme <Corp>',
      external_account_id__c: 'e'.repeat(32),
    });
    const other = await insertAccount(t.db, { name: 'Other Inc' });
    const atAcme = await insertContact(t.db, { firstname: 'Wile', lastname: 'Coyote' });
    const waiting = await insertContact(t.db, { firstname: 'Road', lastname: 'Runner' });
    const elsewhere = await insertContact(t.db, { firstname: 'Bugs', lastname: 'Bunny' });
    await insertContact(t.db, { firstname: 'Daffy', lastname: 'Duck' });
    await linkContact(t.db, atAcme.id, acme);
    await linkContact(t.db, waiting.id, acme, 'externalId');
    await linkContact(t.db, elsewhere.id, other);
    await ownedBy(t.db, atAcme.id, TEST_USERS.editor.id);
    await ownedBy(t.db, elsewhere.id, TEST_USERS.editor.id);
    await ownedBy(t.db, waiting.id, TEST_USERS.viewer.id);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list opens, then each row shows its account, linked to its page, and its owner by name', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const res = await agent.get('/contacts?q=coyote');

    expect(res.status).toBe(200);
    const text = readAsText(res.text);
    expect(text).toContain('<a href="/contacts?q=coyote&amp;sort=account">Account</a>');
    expect(text).toContain('<th scope="col">Owner</th>');
    expect(text).toContain(`<a href="/accounts/${acme.sfid ?? ''}">Acme &lt;Corp&gt;</a>`);
    expect(text).toContain('<td data-label="Owner">Eddie Editor</td>');
  });

  test('when the list is filtered by an account, then it shows that account’s contacts, also one linked only by its External ID', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const res = await agent.get(`/contacts?account=${acme.sfid ?? ''}`);

    expect(listedNames(res.text)).toEqual(['Wile Coyote', 'Road Runner']);
    expect(decodeHtml(matchCountIn(res.text))).toContain('2 contacts at Acme <Corp>');
  });

  test('when the account filter names no account, then the page says so with 404', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.viewer);

    const res = await agent.get('/contacts?account=001NOSUCHACCOUNTAA');

    expect(res.status).toBe(404);
    expect(res.text).toContain('No account has this key');
  });

  test('when the editor chooses My contacts, then only the contacts they own are listed', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.editor);

    const all = await agent.get('/contacts');
    const mine = await agent.get('/contacts?owner=me');

    expect(all.text).toContain('href="/contacts?owner=me"');
    expect(listedNames(mine.text)).toEqual(['Bugs Bunny', 'Wile Coyote']);
    expect(matchCountIn(mine.text)).toContain('owned by you');
    expect(mine.text).toContain('aria-current="page">My contacts');
  });

  test('when My contacts is combined with an account, then both narrow the list', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.editor);

    const res = await agent.get(`/contacts?owner=me&account=${acme.sfid ?? ''}`);

    expect(listedNames(res.text)).toEqual(['Wile Coyote']);
  });

  test('when the shared sign-in asks for its own contacts, then it is offered no such filter and sees every contact', async () => {
    const agent = await t.signedInAgent();

    const all = await agent.get('/contacts');
    const mine = await agent.get('/contacts?owner=me');

    expect(all.text).not.toContain('My contacts');
    expect(listedNames(mine.text)).toHaveLength(4);
  });

  test('when a contact’s card opens, then it shows the account with its details and the owner’s name', async () => {
    await t.db.query(
      `UPDATE salesforce.account SET website = 'https://acme.example', billingcity = 'Phoenix'
        WHERE id = $1`,
      [acme.id],
    );
    const agent = t.agentSignedInAs(TEST_USERS.viewer);
    const list = await agent.get('/contacts?q=coyote');
    const href = /<th scope="row" data-label="Name"><a href="([^"]+)"/.exec(list.text)?.[1] ?? '';

    const card = await agent.get(href);

    const text = readAsText(card.text);
    expect(text).toContain('Acme &lt;Corp&gt;</a> · https://acme.example · Phoenix');
    expect(text).toContain('<dt>Owner</dt>');
    expect(text).toContain('Eddie Editor');
  });
});

describe('the contact list without OwnerId and User mapped', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN ownerid');
    await insertContact(t.db, { firstname: 'Ada', lastname: 'Unowned' });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list is asked for My contacts, then there is no owner column or filter and every contact is listed', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.editor);

    const res = await agent.get('/contacts?owner=me');

    expect(res.status).toBe(200);
    expect(res.text).not.toContain('My contacts');
    expect(res.text).not.toContain('data-label="Owner"');
    expect(listedNames(res.text)).toEqual(['Ada Unowned']);
  });
});
