import {
  decodeHtml,
  formValuesIn,
  insertContact,
  readContact,
  submitCard,
} from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';

/** The fields a conflict page offers a choice for, by their legends. */
function offeredFields(html: string): string[] {
  return [...html.matchAll(/<legend>([^<]*)<\/legend>/g)].map((m) => decodeHtml(m[1] ?? ''));
}

/** The one-line message a redirect leaves for the next page. */
function flashOn(html: string): string {
  return decodeHtml(/<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? '');
}

describe('saving a card someone else changed meanwhile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const changeInSalesforce = (id: number, column: string, value: string) =>
    t.db.query(`UPDATE salesforce.contact SET ${column} = $1 WHERE id = $2`, [value, id]);

  test('when a stale form changed only Title, then the concurrent Department change is kept and the save merges without a 409', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003MERGE000000001A',
      title: 'Engineer',
      department: 'Research',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000001A');
    await changeInSalesforce(contact.id, 'department', 'Flight Research');

    const res = await agent
      .post('/contacts/003MERGE000000001A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Senior engineer' });

    expect(res.status).toBe(303);
    const stored = await readContact(t.db, '003MERGE000000001A');
    expect([stored?.title, stored?.department]).toEqual(['Senior engineer', 'Flight Research']);
    const next = await agent.get(res.headers.location ?? '');
    expect(flashOn(next.text)).toBe(
      'Saved; syncing to Salesforce. What others changed meanwhile was kept: Department.',
    );
  });

  test('when both changed the same field to different values, then 409 offers only that field, with yours, theirs and what it was', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003MERGE000000002A',
      firstname: 'Dorothy',
      title: 'Supervisor',
      department: 'West Computing',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000002A');
    await changeInSalesforce(contact.id, 'title', 'Head of Computing');
    await changeInSalesforce(contact.id, 'department', 'Analysis');
    const changedMeanwhile = await readContact(t.db, '003MERGE000000002A');

    const res = await agent
      .post('/contacts/003MERGE000000002A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Programmer', firstname: 'Dot' });

    expect(res.status).toBe(409);
    expect(offeredFields(res.text)).toEqual(['Title']);
    const choice = res.text.slice(res.text.indexOf('<legend>Title</legend>'));
    expect(choice).toMatch(/name="title" value="Programmer" required>\s*<label[^>]*>Use yours/);
    expect(choice).toMatch(/name="title" value="Head of Computing">\s*<label[^>]*>Keep theirs/);
    expect(choice).toMatch(/Before both changes<\/p>\s*<p class="value" dir="auto">Supervisor</);
    expect(res.text).toMatch(/Your other changes[\s\S]*<dt>First name<\/dt><dd dir="auto">Dot</);
    expect(res.text).toContain('Also changed meanwhile, and kept as they are: Department.');
    expect(await readContact(t.db, '003MERGE000000002A')).toEqual(changedMeanwhile);
  });

  test('when the user then uses their value for the conflicting field, then it is saved and every other field stays as it is now', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003MERGE000000003A',
      title: 'Mine?',
      phone: '+1 555 0100',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000003A');
    await changeInSalesforce(contact.id, 'title', 'Theirs');
    await changeInSalesforce(contact.id, 'phone', '+1 555 0199');
    const conflict = await agent
      .post('/contacts/003MERGE000000003A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Mine' });
    expect(conflict.status).toBe(409);
    const before = await readContact(t.db, '003MERGE000000003A');

    const res = await agent
      .post('/contacts/003MERGE000000003A')
      .type('form')
      .send({ ...formValuesIn(conflict.text), title: 'Mine' });

    expect(res.status).toBe(303);
    expect(await readContact(t.db, '003MERGE000000003A')).toEqual({ ...before, title: 'Mine' });
  });

  test('when the user keeps their value, then nothing is written', async () => {
    const contact = await insertContact(t.db, { sfid: '003MERGE000000004A', title: 'Start' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000004A');
    await changeInSalesforce(contact.id, 'title', 'Theirs');
    const conflict = await agent
      .post('/contacts/003MERGE000000004A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Mine' });
    const before = await readContact(t.db, '003MERGE000000004A');

    const res = await agent
      .post('/contacts/003MERGE000000004A')
      .type('form')
      .send({ ...formValuesIn(conflict.text), title: 'Theirs' });

    expect(res.status).toBe(303);
    expect(await readContact(t.db, '003MERGE000000004A')).toEqual(before);
  });

  test('when the field changes again between the conflict page and the second save, then it conflicts again', async () => {
    const contact = await insertContact(t.db, { sfid: '003MERGE000000005A', title: 'One' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000005A');
    await changeInSalesforce(contact.id, 'title', 'Two');
    const conflict = await agent
      .post('/contacts/003MERGE000000005A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Mine' });
    await changeInSalesforce(contact.id, 'title', 'Three');

    const res = await agent
      .post('/contacts/003MERGE000000005A')
      .type('form')
      .send({ ...formValuesIn(conflict.text), title: 'Mine' });

    expect(res.status).toBe(409);
    expect(res.text).toMatch(/name="title" value="Three">/);
    expect(res.text).toMatch(/Before both changes<\/p>\s*<p class="value" dir="auto">Two</);
    expect((await readContact(t.db, '003MERGE000000005A'))?.title).toBe('Three');
  });

  test('when two people save the same field from the same card, then the second gets 409 and the first value stays', async () => {
    await insertContact(t.db, { sfid: '003MERGE000000006A', title: 'Original' });
    const first = await t.signedInAgent();
    const second = await t.signedInAgent();
    const secondCard = await second.get('/contacts/003MERGE000000006A');

    const firstSave = await submitCard(first, '003MERGE000000006A', { title: 'First' });
    const secondSave = await second
      .post('/contacts/003MERGE000000006A')
      .type('form')
      .send({ ...formValuesIn(secondCard.text), title: 'Second' });

    expect(firstSave.status).toBe(303);
    expect(secondSave.status).toBe(409);
    expect((await readContact(t.db, '003MERGE000000006A'))?.title).toBe('First');
  });

  test('when both set the same field to the same value, then nothing conflicts and nothing is written', async () => {
    const contact = await insertContact(t.db, { sfid: '003MERGE000000007A', title: 'Old' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000007A');
    await changeInSalesforce(contact.id, 'title', 'Same');

    const res = await agent
      .post('/contacts/003MERGE000000007A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Same' });

    expect(res.status).toBe(303);
    expect(flashOn((await agent.get(res.headers.location ?? '')).text)).toBe(
      'Nothing changed, so nothing was sent to Salesforce.',
    );
  });

  test('when what the form showed is missing or forged, then a changed field is a conflict and nothing is written', async () => {
    await insertContact(t.db, { sfid: '003MERGE000000008A', title: 'Kept' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003MERGE000000008A');
    const form = formValuesIn(card.text);
    const before = await readContact(t.db, '003MERGE000000008A');

    const answers = await Promise.all(
      ['', 'not-base64!', Buffer.from('[1,2]').toString('base64url')].map((shown) =>
        agent
          .post('/contacts/003MERGE000000008A')
          .type('form')
          .send({ ...form, shown, title: 'Overwritten' }),
      ),
    );

    expect(answers.map((res) => res.status)).toEqual([409, 409, 409]);
    expect(answers[0]?.text).toContain('(not known: the form did not say)');
    expect(await readContact(t.db, '003MERGE000000008A')).toEqual(before);
  });
});
