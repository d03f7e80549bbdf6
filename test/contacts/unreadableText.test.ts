import { UNREADABLE_TEXT } from '../../src/web/formBody';
import { decodeHtml, fieldIn, formValuesIn, insertContact, readContact } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { startTestApp, type TestApp } from '../support/testApp';

/** A form body as a client sends it, with one field's value already percent-encoded by hand. */
function bodyWith(form: Record<string, string>, column: string, encoded: string): string {
  const rest = new URLSearchParams(
    Object.entries(form).filter(([name]) => name !== column),
  ).toString();
  return `${rest}&${column}=${encoded}`;
}

describe('form text that cannot be decoded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test.each([
    ['a surrogate encoded as UTF-8', 'B%ED%A0%80rn'],
    ['a truncated sequence after valid text', 'Bj%C3%B6rn%C3'],
    ['a malformed escape', 'Bj%ZZrn'],
  ])(
    'when an edited first name holds %s, then 422 asks to type it again, the form is refilled and nothing is stored',
    async (_what, encoded) => {
      await insertContact(t.db, { sfid: '003UNREADABLE0001A', firstname: 'Ada', title: 'Kept' });
      const agent = await t.signedInAgent();
      const card = await agent.get('/contacts/003UNREADABLE0001A');
      const before = await readContact(t.db, '003UNREADABLE0001A');

      const res = await agent
        .post('/contacts/003UNREADABLE0001A')
        .type('form')
        .send(bodyWith({ ...formValuesIn(card.text), title: 'Typed' }, 'firstname', encoded));

      expect(res.status).toBe(422);
      expect(decodeHtml(fieldIn(res.text, 'firstname'))).toContain(UNREADABLE_TEXT);
      expect(fieldIn(res.text, 'title')).toContain('value="Typed"');
      expect(await readContact(t.db, '003UNREADABLE0001A')).toEqual(before);
      await t.db.query("DELETE FROM salesforce.contact WHERE sfid = '003UNREADABLE0001A'");
    },
  );

  test('when a new contact holds valid text and then a truncated sequence, then 422 says so and nothing is created', async () => {
    const agent = await t.signedInAgent();
    const form = hiddenFieldsIn((await agent.get('/contacts/new')).text, '/contacts');

    const res = await agent
      .post('/contacts')
      .type('form')
      .send(bodyWith({ ...form, firstname: 'Ada' }, 'lastname', 'Bj%C3%B6rn%C3'));

    expect(res.status).toBe(422);
    expect(decodeHtml(fieldIn(res.text, 'lastname'))).toContain(UNREADABLE_TEXT);
    expect(fieldIn(res.text, 'firstname')).toContain('value="Ada"');
    const stored = await t.db.query("SELECT 1 FROM salesforce.contact WHERE lastname LIKE 'Bj%'");
    expect(stored.rowCount).toBe(0);
  });

  test('when a new contact sends valid UTF-8 escapes, then ö arrives as ö', async () => {
    const agent = await t.signedInAgent();
    const form = hiddenFieldsIn((await agent.get('/contacts/new')).text, '/contacts');

    const res = await agent
      .post('/contacts')
      .type('form')
      .send(bodyWith(form, 'lastname', 'Sj%C3%B6berg'));

    expect(res.status).toBe(303);
    const stored = await t.db.query<{ lastname: string }>(
      "SELECT lastname FROM salesforce.contact WHERE lastname LIKE 'Sj%'",
    );
    expect(stored.rows).toEqual([{ lastname: 'Sjöberg' }]);
  });

  test('when an edit sends valid UTF-8 escapes, then ö arrives as ö', async () => {
    await insertContact(t.db, { sfid: '003UNREADABLE0002A', firstname: 'Bjorn' });
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003UNREADABLE0002A');

    const res = await agent
      .post('/contacts/003UNREADABLE0002A')
      .type('form')
      .send(bodyWith(formValuesIn(card.text), 'firstname', 'Bj%C3%B6rn'));

    expect(res.status).toBe(303);
    expect((await readContact(t.db, '003UNREADABLE0002A'))?.firstname).toBe('Björn');
  });
});
