import { fieldIn, formValuesIn, insertContact, readContact } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';
import { recordContactWrites, type WriteRecorder } from './writeRecorder';

/** What a browser sends for a form: every line break as CRLF. */
function asBrowserSends(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([name, value]) => [name, value.replace(/\r?\n/g, '\r\n')]),
  );
}

describe('fields the user did not touch', () => {
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

  test('when a one-line field holds a line break, then the card shows it in a textarea that keeps it, and says why', async () => {
    await insertContact(t.db, { sfid: '003UNTOUCH0000001A', title: 'Head of\nSales' });
    const agent = await t.signedInAgent();

    const card = await agent.get('/contacts/003UNTOUCH0000001A');

    const title = fieldIn(card.text, 'title');
    expect(title).toMatch(
      /<textarea id="field-title" name="title"[^>]*>\nHead of\nSales<\/textarea>/,
    );
    expect(title).toContain('Shown in full, with its line breaks or spaces');
    expect(fieldIn(card.text, 'department')).toContain('<input id="field-department"');
  });

  test('when a save changes Department, then an untouched multi-line Title survives unwritten', async () => {
    await insertContact(t.db, {
      sfid: '003UNTOUCH0000002A',
      title: 'Head of\nSales',
      department: 'Old',
      description: '\nStarts with a line break\r\nand has CRLF',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003UNTOUCH0000002A');

    const res = await agent
      .post('/contacts/003UNTOUCH0000002A')
      .type('form')
      .send(asBrowserSends({ ...formValuesIn(card.text), department: 'New' }));

    expect(res.status).toBe(303);
    expect(await readContact(t.db, '003UNTOUCH0000002A')).toMatchObject({
      title: 'Head of\nSales',
      department: 'New',
      description: '\nStarts with a line break\r\nand has CRLF',
    });
    expect(await writes.writtenColumns()).toEqual(['department']);
  });

  test('when a client drops the line break from the untouched Title, then that is an edit and is refused, not saved', async () => {
    await insertContact(t.db, { sfid: '003UNTOUCH0000003A', title: 'Head of\nSales' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003UNTOUCH0000003A');

    const res = await agent
      .post('/contacts/003UNTOUCH0000003A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Head of\nMarketing' });

    expect(res.status).toBe(422);
    expect(fieldIn(res.text, 'title')).toContain('contains line breaks or tabs');
    expect((await readContact(t.db, '003UNTOUCH0000003A'))?.title).toBe('Head of\nSales');
  });

  test('when a stored value would fail validation but is untouched, then a save of another field is not blocked', async () => {
    await insertContact(t.db, {
      sfid: '003UNTOUCH0000004A',
      email: 'not an address',
      phone: '+1 555 0100',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003UNTOUCH0000004A');

    const res = await agent
      .post('/contacts/003UNTOUCH0000004A')
      .type('form')
      .send({ ...formValuesIn(card.text), phone: '+1 555 0199' });

    expect(res.status).toBe(303);
    expect(await readContact(t.db, '003UNTOUCH0000004A')).toMatchObject({
      email: 'not an address',
      phone: '+1 555 0199',
    });
  });

  test('when an email has spaces at either end, then it is shown in a textarea and an untouched save keeps it', async () => {
    await insertContact(t.db, { sfid: '003UNTOUCH0000005A', email: ' ada@example.com ' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003UNTOUCH0000005A');

    const res = await agent
      .post('/contacts/003UNTOUCH0000005A')
      .type('form')
      .send({ ...formValuesIn(card.text), title: 'Changed' });

    expect(fieldIn(card.text, 'email')).toContain('<textarea id="field-email"');
    expect(res.status).toBe(303);
    expect((await readContact(t.db, '003UNTOUCH0000005A'))?.email).toBe(' ada@example.com ');
  });

  test('when a field is left out of the form, then it is not changed', async () => {
    await insertContact(t.db, { sfid: '003UNTOUCH0000006A', title: 'Kept', department: 'Old' });
    const agent = await t.signedInAgent();
    const withoutTitle = Object.fromEntries(
      Object.entries(formValuesIn((await agent.get('/contacts/003UNTOUCH0000006A')).text)).filter(
        ([name]) => name !== 'title',
      ),
    );

    const res = await agent
      .post('/contacts/003UNTOUCH0000006A')
      .type('form')
      .send({ ...withoutTitle, department: 'New' });

    expect(res.status).toBe(303);
    expect(await writes.writtenColumns()).toEqual(['department']);
  });
});
