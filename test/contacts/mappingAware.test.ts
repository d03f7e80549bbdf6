import { fieldIn, listedNames, submitCard } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';

describe('a mapping without some optional fields', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Connect creates only the mapped columns; this mapping leaves out Title and MobilePhone.
    await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN title, DROP COLUMN mobilephone');
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, email, phone, _hc_lastop)
       VALUES ('003MAPPED0000001AA', 'Hedy', 'Lamarr', 'hedy@mapped.example', '+1 555 0142', 'SYNCED')`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list is opened, then it renders the contacts without the unmapped columns', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    expect(res.status).toBe(200);
    expect(listedNames(res.text)).toEqual(['Hedy Lamarr']);
    expect(res.text).toContain('hedy@mapped.example');
  });

  test('when the list is searched or sorted by an unmapped column, then it still answers 200', async () => {
    const agent = await t.signedInAgent();

    const search = await agent.get('/contacts?q=lamarr');
    const sorted = await agent.get('/contacts?sort=title&dir=desc');

    expect(listedNames(search.text)).toEqual(['Hedy Lamarr']);
    expect(sorted.status).toBe(200);
    expect(listedNames(sorted.text)).toEqual(['Hedy Lamarr']);
  });

  test('when the card is opened, then the form has the mapped fields and none for the unmapped ones', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/003MAPPED0000001AA');

    expect(res.status).toBe(200);
    expect(fieldIn(res.text, 'firstname')).toContain('value="Hedy"');
    expect(fieldIn(res.text, 'phone')).toContain('value="+1 555 0142"');
    expect(res.text).not.toContain('name="title"');
    expect(res.text).not.toContain('name="mobilephone"');
  });

  test('when the card is saved, then the mapped fields are written and an unmapped field in the post is ignored', async () => {
    const agent = await t.signedInAgent();

    const res = await submitCard(agent, '003MAPPED0000001AA', {
      firstname: 'Hedwig',
      title: 'Inventor',
    });

    expect(res.status).toBe(303);
    const row = await t.db.query<Record<string, unknown>>(
      "SELECT * FROM salesforce.contact WHERE sfid = '003MAPPED0000001AA'",
    );
    expect(row.rows[0]).toMatchObject({ firstname: 'Hedwig', lastname: 'Lamarr' });
    expect(row.rows[0]).not.toHaveProperty('title');
  });
});

describe('a mapping without Connect’s optional system columns', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(
      `ALTER TABLE salesforce.contact DROP COLUMN isdeleted, DROP COLUMN _hc_err,
         DROP COLUMN name, DROP COLUMN email, DROP COLUMN external_contact_id__c`,
    );
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, _hc_lastop)
       VALUES ('003MAPPED0000002AA', 'Chien-Shiung', 'Wu', 'SYNCED')`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list, card and save run, then they work without those columns', async () => {
    const agent = await t.signedInAgent();

    const list = await agent.get('/contacts?q=wu');
    const card = await agent.get('/contacts/003MAPPED0000002AA');
    const save = await submitCard(agent, '003MAPPED0000002AA', { lastname: 'Wu Chien-Shiung' });

    expect(listedNames(list.text)).toEqual(['Chien-Shiung Wu']);
    expect(card.status).toBe(200);
    expect(card.text).not.toContain('name="email"');
    expect(save.status).toBe(303);
  });
});
