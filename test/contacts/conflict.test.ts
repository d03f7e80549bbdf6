import { formValuesIn, insertContact, readContact, submitCard } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';

describe('saving over someone else’s change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the row changed after the card was opened, then 409 shows both values and nothing is written', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003CONFLICT00001AA',
      firstname: 'Dorothy',
      lastname: 'Vaughan',
      title: 'Supervisor',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003CONFLICT00001AA');
    // Salesforce (through Connect) or another user changes the title meanwhile.
    await t.db.query('UPDATE salesforce.contact SET title = $1 WHERE id = $2', [
      'Head of Computing',
      contact.id,
    ]);
    const changedMeanwhile = await readContact(t.db, '003CONFLICT00001AA');

    const res = await agent
      .post('/contacts/003CONFLICT00001AA')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Programmer', firstname: 'Dot' });

    expect(res.status).toBe(409);
    expect(res.text).toContain('Someone changed this contact while you were editing');
    expect(res.text).toMatch(
      /<th scope="row">Title <span class="tag">differs<\/span><\/th>\s*<td>Programmer<\/td>\s*<td>Head of Computing<\/td>/,
    );
    expect(res.text).toMatch(
      /<th scope="row">First name <span class="tag">differs<\/span><\/th>\s*<td>Dot<\/td>\s*<td>Dorothy<\/td>/,
    );
    expect(res.text).toMatch(
      /<th scope="row">Last name<\/th>\s*<td>Vaughan<\/td>\s*<td>Vaughan<\/td>/,
    );
    expect(await readContact(t.db, '003CONFLICT00001AA')).toEqual(changedMeanwhile);
  });

  test('when two people save the same card, then the second gets 409 and the first person’s value stays', async () => {
    await insertContact(t.db, { sfid: '003CONFLICT00002AA', title: 'Original' });
    const first = await t.signedInAgent();
    const second = await t.signedInAgent();
    const secondCard = await second.get('/contacts/003CONFLICT00002AA');

    const firstSave = await submitCard(first, '003CONFLICT00002AA', { title: 'First' });
    const secondSave = await second
      .post('/contacts/003CONFLICT00002AA')
      .type('form')
      .send({ ...formValuesIn(secondCard.text), title: 'Second' });

    expect(firstSave.status).toBe(303);
    expect(secondSave.status).toBe(409);
    expect((await readContact(t.db, '003CONFLICT00002AA'))?.title).toBe('First');
  });

  test('when the user then chooses to save their values over the current ones, then they are saved', async () => {
    const contact = await insertContact(t.db, { sfid: '003CONFLICT00003AA', title: 'Mine?' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003CONFLICT00003AA');
    await t.db.query('UPDATE salesforce.contact SET title = $1 WHERE id = $2', [
      'Theirs',
      contact.id,
    ]);
    const conflict = await agent
      .post('/contacts/003CONFLICT00003AA')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Mine' });

    const res = await agent
      .post('/contacts/003CONFLICT00003AA')
      .type('form')
      .send(formValuesIn(conflict.text));

    expect(res.status).toBe(303);
    expect((await readContact(t.db, '003CONFLICT00003AA'))?.title).toBe('Mine');
  });

  test('when the version is missing or forged, then 409 and nothing is written', async () => {
    await insertContact(t.db, { sfid: '003CONFLICT00004AA', title: 'Kept' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003CONFLICT00004AA');
    const form = formValuesIn(card.text);

    const missing = await agent
      .post('/contacts/003CONFLICT00004AA')
      .type('form')
      .send({ ...form, version: '', title: 'Overwritten' });
    const forged = await agent
      .post('/contacts/003CONFLICT00004AA')
      .type('form')
      .send({ ...form, version: 'f'.repeat(32), title: 'Overwritten' });

    expect(missing.status).toBe(409);
    expect(forged.status).toBe(409);
    expect((await readContact(t.db, '003CONFLICT00004AA'))?.title).toBe('Kept');
  });
});
