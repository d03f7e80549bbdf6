import { decodeHtml, formValuesIn, insertContact, readContact } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';

describe('deleting a contact that changed since its confirmation page was shown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when someone changed the contact meanwhile, then it is kept and the page shows what changed and asks again', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003DELCHANGE00001A',
      lastname: 'Johnson',
      title: 'Analyst',
    });
    const agent = await t.signedInAgent();
    const confirm = await agent.get('/contacts/003DELCHANGE00001A/delete');
    expect(confirm.text).toMatch(/<dt>Title<\/dt><dd dir="auto">Analyst<\/dd>/);
    await t.db.query('UPDATE salesforce.contact SET title = $1 WHERE id = $2', [
      'Mission lead',
      contact.id,
    ]);

    const res = await agent
      .post('/contacts/003DELCHANGE00001A/delete')
      .type('form')
      .send(formValuesIn(confirm.text));

    expect(res.status).toBe(409);
    expect(decodeHtml(res.text)).toContain(
      'Someone changed this contact since you opened this page, so it was not deleted.',
    );
    expect(res.text).toContain('<li>Title: <bdi>Analyst</bdi> → <bdi>Mission lead</bdi></li>');
    expect((await readContact(t.db, '003DELCHANGE00001A'))?.title).toBe('Mission lead');

    const again = await agent
      .post('/contacts/003DELCHANGE00001A/delete')
      .type('form')
      .send(formValuesIn(res.text));

    expect(again.status).toBe(303);
    expect(await readContact(t.db, '003DELCHANGE00001A')).toBeUndefined();
  });

  test('when the form does not say what it showed, then nothing is deleted and it asks again', async () => {
    await insertContact(t.db, { sfid: '003DELCHANGE00002A' });
    const agent = await t.signedInAgent();
    const confirm = await agent.get('/contacts/003DELCHANGE00002A/delete');

    const res = await agent
      .post('/contacts/003DELCHANGE00002A/delete')
      .type('form')
      .send({ ...formValuesIn(confirm.text), shown: '' });

    expect(res.status).toBe(409);
    expect(res.text).toContain('This form did not say which version of the contact it showed');
    expect(await readContact(t.db, '003DELCHANGE00002A')).toBeDefined();
  });
});
