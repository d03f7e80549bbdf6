import {
  formValuesIn,
  insertContact,
  readContact,
  submitCard,
  type StoredContact,
} from '../../support/contacts';
import { csrfTokenIn, shownIn, startTestApp, type TestApp } from '../../support/testApp';
import { recordContactWrites, type WriteRecorder } from './writeRecorder';

describe('editing a contact', () => {
  let t: TestApp;
  let writes: WriteRecorder;
  beforeAll(async () => {
    t = await startTestApp();
    writes = await recordContactWrites(t.db);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await writes.clear();
  });

  const stored = async (sfid: string): Promise<StoredContact> => {
    const row = await readContact(t.db, sfid);
    if (!row) throw new Error(`no contact ${sfid}`);
    return row;
  };

  test('when a user saves changes, then the row holds the new values trimmed with the email lower-cased, and the next page says it is syncing', async () => {
    await insertContact(t.db, {
      sfid: '003EDIT0000000001A',
      firstname: 'Ada',
      lastname: 'Lovelace',
      email: 'ada@old.example',
      title: 'Countess',
    });
    const agent = await t.signedInAgent();

    const res = await submitCard(agent, '003EDIT0000000001A', {
      firstname: '  Augusta Ada  ',
      lastname: ' King ',
      email: '  Ada.King@Example.COM ',
    });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/contacts/003EDIT0000000001A');
    const row = await stored('003EDIT0000000001A');
    expect(row).toMatchObject({
      firstname: 'Augusta Ada',
      lastname: 'King',
      email: 'ada.king@example.com',
      title: 'Countess',
    });
    const next = await agent.get(res.headers.location ?? '');
    expect(next.text).toContain('<p class="flash" role="status">Saved; syncing to Salesforce.</p>');
    expect(next.text).toContain('value="Augusta Ada"');
    const again = await agent.get(res.headers.location ?? '');
    expect(again.text).not.toContain('Saved; syncing to Salesforce.');
  });

  test('when one field changes, then one UPDATE names only that column and every other column is untouched', async () => {
    const before = await insertContact(t.db, {
      sfid: '003EDIT0000000002A',
      firstname: 'Grace',
      lastname: 'Hopper',
      title: 'Commodore',
      department: 'Navy',
      mobilephone: '+1 555 0199',
      name: 'Grace Hopper',
      external_contact_id__c: '11112222333344445555666677778888',
    });
    const agent = await t.signedInAgent();

    const res = await submitCard(agent, '003EDIT0000000002A', { title: 'Rear Admiral' });

    expect(res.status).toBe(303);
    expect(await writes.updateStatements()).toBe(1);
    expect(await writes.writtenColumns()).toEqual(['title']);
    expect(await stored('003EDIT0000000002A')).toEqual({ ...before, title: 'Rear Admiral' });
  });

  test('when several fields change, then exactly those columns are written, never name, sfid, id or Connect columns', async () => {
    await insertContact(t.db, {
      sfid: '003EDIT0000000003A',
      firstname: 'Alan',
      lastname: 'Turing',
    });
    const agent = await t.signedInAgent();

    await submitCard(agent, '003EDIT0000000003A', {
      firstname: 'Alan M.',
      phone: '+44 1908 640404',
      mailingcity: 'Bletchley',
    });

    expect(await writes.writtenColumns()).toEqual(['firstname', 'mailingcity', 'phone']);
  });

  test('when the form is saved without changes, then nothing is written and the user is told so', async () => {
    const contact = await insertContact(t.db, { sfid: '003EDIT0000000004A', lastname: 'Same' });
    const xminBefore = await t.db.query('SELECT xmin::text FROM salesforce.contact WHERE id = $1', [
      contact.id,
    ]);
    const agent = await t.signedInAgent();

    const res = await submitCard(agent, '003EDIT0000000004A', { lastname: '  Same  ' });

    expect(res.status).toBe(303);
    expect(await writes.updateStatements()).toBe(0);
    const xminAfter = await t.db.query('SELECT xmin::text FROM salesforce.contact WHERE id = $1', [
      contact.id,
    ]);
    expect(xminAfter.rows).toEqual(xminBefore.rows);
    expect(await stored('003EDIT0000000004A')).toEqual(contact);
    const next = await agent.get(res.headers.location ?? '');
    expect(next.text).toContain('Nothing changed, so nothing was sent to Salesforce.');
  });

  test('when an optional field is cleared, then the column becomes NULL rather than an empty string', async () => {
    await insertContact(t.db, { sfid: '003EDIT0000000005A', title: 'Temporary' });
    const agent = await t.signedInAgent();

    await submitCard(agent, '003EDIT0000000005A', { title: '   ' });

    expect((await stored('003EDIT0000000005A')).title).toBeNull();
    expect(await writes.writtenColumns()).toEqual(['title']);
  });

  test('when a first name is 20 emoji, then it is saved: Salesforce counts each as two, 40 in all', async () => {
    await insertContact(t.db, { sfid: '003EDIT0000000006A' });
    const agent = await t.signedInAgent();
    const smiles = '😀'.repeat(20);

    const res = await submitCard(agent, '003EDIT0000000006A', { firstname: smiles });

    expect(res.status).toBe(303);
    expect((await stored('003EDIT0000000006A')).firstname).toBe(smiles);
  });

  test('when a description has line breaks and an address is international, then they are saved as typed', async () => {
    await insertContact(t.db, { sfid: '003EDIT0000000007A' });
    const agent = await t.signedInAgent();

    const res = await submitCard(agent, '003EDIT0000000007A', {
      description: 'First line\r\nSecond line',
      email: 'zoë@bücher.example',
    });

    expect(res.status).toBe(303);
    const row = await stored('003EDIT0000000007A');
    expect(row.description).toBe('First line\r\nSecond line');
    expect(row.email).toBe('zoë@bücher.example');
  });

  test('when a contact known only by its external id is edited, then the save goes to that row and returns to its card', async () => {
    const externalId = 'cafebabecafebabecafebabecafebabe';
    await insertContact(t.db, {
      sfid: null,
      external_contact_id__c: externalId,
      lastname: 'Early',
    });
    const agent = await t.signedInAgent();

    const res = await submitCard(agent, externalId, { lastname: 'Earlier' });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/contacts/${externalId}`);
    const row = await t.db.query(
      'SELECT lastname FROM salesforce.contact WHERE external_contact_id__c = $1',
      [externalId],
    );
    expect(row.rows).toEqual([{ lastname: 'Earlier' }]);
  });

  test('when the contact was deleted before the save, then a 404 page says the changes were not saved', async () => {
    const contact = await insertContact(t.db, { sfid: '003EDIT0000000008A' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003EDIT0000000008A');
    await t.db.query('DELETE FROM salesforce.contact WHERE id = $1', [contact.id]);

    const res = await agent
      .post('/contacts/003EDIT0000000008A')
      .type('form')
      .send({ ...formValuesIn(card.text), lastname: 'Ghost' });

    expect(res.status).toBe(404);
    expect(res.text).toContain('This contact was deleted, so your changes could not be saved.');
    expect(await writes.updateStatements()).toBe(0);
  });

  test('when a save is posted to an unknown key, then it is a 404 and nothing is written', async () => {
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts');

    const res = await agent
      .post('/contacts/003NOSUCHCONTACT0A')
      .type('form')
      .send({ _csrf: csrfTokenIn(card.text), lastname: 'Nobody' });

    expect(res.status).toBe(404);
    expect(await writes.updateStatements()).toBe(0);
  });

  test('when the saved card is shown again, then it shows the saved value', async () => {
    await insertContact(t.db, { sfid: '003EDIT0000000009A', title: 'One' });
    const agent = await t.signedInAgent();
    const before = shownIn((await agent.get('/contacts/003EDIT0000000009A')).text);

    await submitCard(agent, '003EDIT0000000009A', { title: 'Two' });
    const after = shownIn((await agent.get('/contacts/003EDIT0000000009A')).text);

    expect([before.title, after.title]).toEqual(['One', 'Two']);
  });
});
