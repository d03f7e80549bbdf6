import { csrfTokenIn, startTestApp, type TestApp } from '../support/testApp';
import { formValuesIn, insertContact, readContact } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';

describe('creating and deleting contacts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a user creates a contact, then it is stored with a fresh external id and its card says pending sync', async () => {
    const agent = await t.signedInAgent();
    const form = await agent.get('/contacts/new');
    expect(form.status).toBe(200);

    const created = await agent
      .post('/contacts')
      .type('form')
      .send({
        ...hiddenFieldsIn(form.text, '/contacts'),
        firstname: '  Katherine ',
        lastname: 'Johnson',
        email: 'Katherine@NASA.example',
      });

    expect(created.status).toBe(303);
    const externalId = /^\/contacts\/([0-9a-f]{32})$/.exec(created.headers.location ?? '')?.[1];
    expect(externalId).toBeDefined();
    const stored = await t.db.query(
      'SELECT firstname, lastname, email, sfid FROM salesforce.contact WHERE external_contact_id__c = $1',
      [externalId],
    );
    expect(stored.rows).toEqual([
      { firstname: 'Katherine', lastname: 'Johnson', email: 'katherine@nasa.example', sfid: null },
    ]);
    const card = await agent.get(created.headers.location ?? '');
    expect(card.text).toContain('Created; syncing to Salesforce.');
    expect(card.text).toContain('Pending sync');
  });

  test('when the new contact has no last name, then the form comes back with the error and what was typed, and nothing is stored', async () => {
    const agent = await t.signedInAgent();
    const form = await agent.get('/contacts/new');
    const before = await t.db.query('SELECT count(*)::int AS n FROM salesforce.contact');

    const res = await agent
      .post('/contacts')
      .type('form')
      .send({ ...hiddenFieldsIn(form.text, '/contacts'), firstname: 'Dorothy', lastname: '  ' });

    expect(res.status).toBe(422);
    expect(res.text).toContain('Last name is required.');
    expect(res.text).toContain('value="Dorothy"');
    const after = await t.db.query('SELECT count(*)::int AS n FROM salesforce.contact');
    expect(after.rows).toEqual(before.rows);
  });

  test('when a user confirms a delete, then the row is gone and the list says Connect deletes it in Salesforce', async () => {
    const contact = await insertContact(t.db, { lastname: 'Vaughan', sfid: '003DELETE00000001A' });
    const agent = await t.signedInAgent();
    const confirm = await agent.get('/contacts/003DELETE00000001A/delete');
    expect(confirm.text).toContain('Heroku Connect then sends the delete to Salesforce');

    const res = await agent
      .post('/contacts/003DELETE00000001A/delete')
      .type('form')
      .send(formValuesIn(confirm.text));

    expect(res.status).toBe(303);
    expect(await readContact(t.db, contact.sfid ?? '')).toBeUndefined();
    const list = await agent.get('/contacts');
    expect(list.text).toContain('Heroku Connect will delete it in Salesforce too.');
  });
});

describe('creating without an External ID mapped', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN external_contact_id__c');
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the mapping has no external id, then creating is switched off with an explanation and nothing is inserted', async () => {
    const agent = await t.signedInAgent();
    const form = await agent.get('/contacts/new');
    expect(form.status).toBe(409);
    expect(form.text).toContain('Creating contacts is switched off');
    expect(form.text).toContain('href="/setup"');

    const res = await agent
      .post('/contacts')
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), lastname: 'Nobody' });

    expect(res.status).toBe(409);
    const count = await t.db.query('SELECT count(*)::int AS n FROM salesforce.contact');
    expect(count.rows).toEqual([{ n: 0 }]);
  });
});
