import type TestAgent from 'supertest/lib/agent';
import type { Database } from '../../../src/db/database';
import { insertAccount as insertAccountRow } from '../../support/accounts';
import { decodeHtml, formValuesIn, insertContact, readAsText } from '../../support/contacts';
import { hiddenFieldsIn } from '../../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';

const insertAccount = async (db: Database, name: string) =>
  (await insertAccountRow(db, { name })).sfid ?? '';

const accountOf = async (db: Database, sfid: string) =>
  (
    await db.query<{ accountid: string | null; title: string | null }>(
      'SELECT accountid, title FROM salesforce.contact WHERE sfid = $1',
      [sfid],
    )
  ).rows[0];

describe('changing a contact’s account on its card', () => {
  let t: TestApp;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    agent = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A contact at a new account, and its card's form as a browser would post it. */
  const contactAt = async (accountName: string) => {
    const accountid = await insertAccount(t.db, accountName);
    const contact = await insertContact(t.db);
    await t.db.query('UPDATE salesforce.contact SET accountid = $1 WHERE id = $2', [
      accountid,
      contact.id,
    ]);
    const sfid = contact.sfid ?? '';
    const card = await agent.get(`/contacts/${sfid}`);
    return { sfid, accountid, form: formValuesIn(card.text), card: card.text };
  };

  test('when the card opens, then its Account field holds the account’s name', async () => {
    const { form } = await contactAt('Stark Industries');

    expect(form.account).toBe('Stark Industries');
  });

  test('when another account’s name is typed, then the contact is linked to it and the audit trail says so', async () => {
    const { sfid, form } = await contactAt('Wayne Enterprises');
    const other = await insertAccount(t.db, 'Queen Consolidated');

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, account: 'Queen Consolidated' });

    expect(res.status).toBe(303);
    expect((await accountOf(t.db, sfid))?.accountid).toBe(other);
    const audit = await t.db.query<{ changes: unknown }>(
      `SELECT changes FROM contact_card.audit_entries WHERE sfid = $1 AND action = 'edit'`,
      [sfid],
    );
    expect(audit.rows[0]?.changes).toEqual([
      { field: 'accountid', label: 'Account', from: 'Wayne Enterprises', to: 'Queen Consolidated' },
    ]);
  });

  test('when the Account field is cleared, then the contact is unlinked', async () => {
    const { sfid, form } = await contactAt('Cyberdyne');

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, account: '' });

    expect(res.status).toBe(303);
    expect((await accountOf(t.db, sfid))?.accountid).toBeNull();
  });

  test('when only another field is changed, then the account is left as it is', async () => {
    const { sfid, accountid, form } = await contactAt('Tyrell Corporation');

    await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, title: 'Replicant' });

    expect(await accountOf(t.db, sfid)).toEqual({ accountid, title: 'Replicant' });
  });

  test('when someone else changed the account meanwhile and the user changed it too, then nothing is saved and the conflict page offers both', async () => {
    const { sfid, form } = await contactAt('Soylent');
    const theirs = await insertAccount(t.db, 'Weyland-Yutani');
    await insertAccount(t.db, 'Oscorp');
    await t.db.query('UPDATE salesforce.contact SET accountid = $1 WHERE sfid = $2', [
      theirs,
      sfid,
    ]);

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, account: 'Oscorp' });

    expect(res.status).toBe(409);
    const text = decodeHtml(readAsText(res.text));
    expect(text).toContain('Account');
    expect(text).toContain('Oscorp');
    expect(text).toContain('Weyland-Yutani');
    expect((await accountOf(t.db, sfid))?.accountid).toBe(theirs);
  });

  test('when someone else changed the account meanwhile and the user changed only the title, then the title is saved and their account kept', async () => {
    const { sfid, form } = await contactAt('Massive Dynamic');
    const theirs = await insertAccount(t.db, 'Aperture Science');
    await t.db.query('UPDATE salesforce.contact SET accountid = $1 WHERE sfid = $2', [
      theirs,
      sfid,
    ]);

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, title: 'Tester' });

    expect(res.status).toBe(303);
    expect(await accountOf(t.db, sfid)).toEqual({ accountid: theirs, title: 'Tester' });
  });

  test('when only the title clashed, then the conflict page carries the new account along, and saving the choices writes both', async () => {
    const { sfid, form } = await contactAt('Initrode');
    const other = await insertAccount(t.db, 'Chotchkies');
    await t.db.query("UPDATE salesforce.contact SET title = 'Theirs' WHERE sfid = $1", [sfid]);

    const conflict = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, title: 'Mine', account: 'Chotchkies' });

    expect(conflict.status).toBe(409);
    expect(decodeHtml(readAsText(conflict.text))).toContain(
      '<dt>Account</dt><dd dir="auto">Chotchkies</dd>',
    );
    const carried = hiddenFieldsIn(conflict.text, `/contacts/${sfid}`);
    expect(carried.account).toBe(other);
    const saved = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...carried, title: 'Mine' });
    expect(saved.status).toBe(303);
    expect(await accountOf(t.db, sfid)).toEqual({ accountid: other, title: 'Mine' });
  });

  test('when an unknown account name is typed, then the card comes back with the offer to create it and nothing is saved', async () => {
    const { sfid, accountid, form } = await contactAt('Black Mesa');

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, account: 'Nowhere Ltd', title: 'Scientist' });

    expect(res.status).toBe(422);
    expect(decodeHtml(res.text)).toContain('Create a new account named “Nowhere Ltd”');
    expect(res.text).toContain('value="Nowhere Ltd"');
    expect(await accountOf(t.db, sfid)).toEqual({ accountid, title: 'Analyst' });
  });
});

describe('reassigning a contact on its card', () => {
  let t: TestApp;
  let agent: TestAgent;
  const users = {
    active: '005OWNER00000001AA',
    other: '005OWNER00000002AA',
    gone: '005OWNER00000003AA',
  };
  beforeAll(async () => {
    t = await startTestApp();
    agent = t.agentSignedInAs(TEST_USERS.editor);
    await t.db.query(
      `INSERT INTO salesforce."user" (sfid, name, isactive)
       VALUES ($1, 'Olive Owner', true), ($2, 'Otto Other', true), ($3, 'Ivy Inactive', false)`,
      [users.active, users.other, users.gone],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const ownedContact = async (ownerId: string) => {
    const contact = await insertContact(t.db);
    await t.db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE id = $2', [
      ownerId,
      contact.id,
    ]);
    const sfid = contact.sfid ?? '';
    const card = await agent.get(`/contacts/${sfid}`);
    return { sfid, card: card.text, form: formValuesIn(card.text) };
  };
  const ownerOf = async (sfid: string) =>
    (
      await t.db.query<{ ownerid: string }>(
        'SELECT ownerid FROM salesforce.contact WHERE sfid = $1',
        [sfid],
      )
    ).rows[0]?.ownerid;

  test('when the card opens for an editor, then its Owner menu lists the active users with the owner selected', async () => {
    const { card } = await ownedContact(users.active);

    expect(card).toContain(`<option value="${users.active}" selected>Olive Owner</option>`);
    expect(card).toContain(`<option value="${users.other}">Otto Other</option>`);
    expect(card).not.toContain('Ivy Inactive');
  });

  test('when another active user is chosen, then the contact is theirs and the audit trail says so', async () => {
    const { sfid, form } = await ownedContact(users.active);

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, owner: users.other });

    expect(res.status).toBe(303);
    expect(await ownerOf(sfid)).toBe(users.other);
    const audit = await t.db.query<{ changes: unknown }>(
      `SELECT changes FROM contact_card.audit_entries WHERE sfid = $1 AND action = 'edit'`,
      [sfid],
    );
    expect(audit.rows[0]?.changes).toEqual([
      { field: 'ownerid', label: 'Owner', from: 'Olive Owner', to: 'Otto Other' },
    ]);
  });

  test('when an inactive user is sent as owner, then the card comes back with the reason and nothing is saved', async () => {
    const { sfid, form } = await ownedContact(users.active);

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, owner: users.gone, title: 'Changed' });

    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose an active user as the owner');
    expect(await ownerOf(sfid)).toBe(users.active);
  });

  test('when someone else reassigned the contact meanwhile and the user did too, then the conflict page names both owners', async () => {
    const { sfid, form } = await ownedContact(users.active);
    await t.db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE sfid = $2', [
      TEST_USERS.editor.id,
      sfid,
    ]);

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, owner: users.other });

    expect(res.status).toBe(409);
    expect(res.text).toContain('Otto Other');
    expect(res.text).toContain(`value="${users.other}"`);
    expect(await ownerOf(sfid)).toBe(TEST_USERS.editor.id);
  });

  test('when a viewer opens the card, then there is no Owner menu', async () => {
    const { sfid } = await ownedContact(users.active);

    const card = await t.agentSignedInAs(TEST_USERS.viewer).get(`/contacts/${sfid}`);

    expect(card.text).not.toContain('name="owner"');
    expect(card.text).toContain('Olive Owner');
  });
});
