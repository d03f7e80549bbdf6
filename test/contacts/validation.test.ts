import { fieldIn, formValuesIn, insertContact, readContact } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';
import type TestAgent from 'supertest/lib/agent';

// Salesforce's Contact field lengths (shared/heroku-connect.md), independent of src/contacts/fields.ts.
const FIELD_LIMITS = [
  ['firstname', 'First name', 40],
  ['lastname', 'Last name', 80],
  ['title', 'Title', 128],
  ['department', 'Department', 80],
  ['phone', 'Phone', 40],
  ['mobilephone', 'Mobile', 40],
  ['mailingstreet', 'Street', 255],
  ['mailingcity', 'City', 40],
  ['mailingstate', 'State/Province', 80],
  ['mailingpostalcode', 'Postal code', 20],
  ['mailingcountry', 'Country', 80],
  ['description', 'Description', 32_000],
] as const;

describe('rejecting invalid edits', () => {
  let t: TestApp;
  let agent: TestAgent;
  let sequence = 0;
  beforeAll(async () => {
    t = await startTestApp();
    agent = await t.signedInAgent();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A fresh contact, its card's form as a browser would send it, and its row before the save. */
  async function openCard() {
    sequence += 1;
    const sfid = `003VALID${String(sequence).padStart(8, '0')}AA`;
    await insertContact(t.db, {
      sfid,
      firstname: 'Mary',
      lastname: 'Jackson',
      title: 'Engineer',
      email: 'mary@nasa.example',
    });
    const card = await agent.get(`/contacts/${sfid}`);
    return { sfid, form: formValuesIn(card.text), before: await readContact(t.db, sfid) };
  }

  async function submitInvalid(changes: Record<string, string>) {
    const { sfid, form, before } = await openCard();
    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, ...changes });
    expect(res.status).toBe(422);
    expect(await readContact(t.db, sfid)).toEqual(before);
    return res;
  }

  function expectFieldError(html: string, column: string, message: string) {
    const field = fieldIn(html, column);
    // A value kept in a textarea is described by its note as well.
    expect(field).toMatch(
      new RegExp(
        `aria-invalid="true" aria-describedby="(field-${column}-note )?field-${column}-error"`,
      ),
    );
    expect(field).toContain(`<p class="field-error" id="field-${column}-error">${message}</p>`);
    expect(html).toContain(`<li><a href="#field-${column}">${message}</a></li>`);
  }

  test('when the last name is blank, then 422 says it is required at the field, the typed values stay, and nothing is saved', async () => {
    const res = await submitInvalid({ lastname: '   ', title: 'Aerospace Engineer' });

    expectFieldError(res.text, 'lastname', 'Last name is required.');
    expect(fieldIn(res.text, 'title')).toContain('value="Aerospace Engineer"');
    expect(fieldIn(res.text, 'title')).not.toContain('aria-invalid');
    expect(res.text).toContain('One field needs attention. Nothing was saved.');
  });

  test('when the first name is 41 characters, then 422 names the limit and the count and nothing is saved', async () => {
    const res = await submitInvalid({ firstname: 'F'.repeat(41) });

    expectFieldError(
      res.text,
      'firstname',
      'First name can be at most 40 characters; emoji count as two (you entered 41).',
    );
    expect(fieldIn(res.text, 'firstname')).toContain(`value="${'F'.repeat(41)}"`);
  });

  test('when the first name is 21 emoji, then 422 says Salesforce counts each as two, and the emoji stay in the form', async () => {
    const emoji = '😀'.repeat(21);

    const res = await submitInvalid({ firstname: emoji });

    expectFieldError(
      res.text,
      'firstname',
      'First name can be at most 40 characters; emoji count as two (you entered 42).',
    );
    expect(fieldIn(res.text, 'firstname')).toContain(`value="${emoji}"`);
    expect(fieldIn(res.text, 'firstname')).toContain('maxlength="40"');
  });

  test('when the first name is 40 é typed decomposed (e and a combining accent), then it is saved as 40 composed é', async () => {
    const { sfid, form } = await openCard();

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, firstname: 'e\u0301'.repeat(40) });

    expect(res.status).toBe(303);
    expect((await readContact(t.db, sfid))?.firstname).toBe('\u00e9'.repeat(40));
  });

  test('when an email with a capital İ is refused, then the form shows it as typed, not lower-cased', async () => {
    const res = await submitInvalid({ email: 'İ@example.com' });

    expect(fieldIn(res.text, 'email')).toContain('value="İ@example.com"');
  });

  test.each(FIELD_LIMITS)(
    'when %s is one character over its Salesforce limit, then 422 shows the error at that field',
    async (column, label, limit) => {
      const tooLong = 'x'.repeat(limit + 1);

      const res = await submitInvalid({ [column]: tooLong });

      expectFieldError(
        res.text,
        column,
        `${label} can be at most ${limit.toLocaleString('en-US')} characters; emoji count as two (you entered ${(limit + 1).toLocaleString('en-US')}).`,
      );
      expect(fieldIn(res.text, column)).toContain(tooLong);
    },
  );

  test('when the email is 81 characters, then 422 names the 80-character limit', async () => {
    const email = `${'e'.repeat(69)}@example.com`;

    const res = await submitInvalid({ email });

    expectFieldError(
      res.text,
      'email',
      'Email can be at most 80 characters; emoji count as two (you entered 81).',
    );
  });

  test.each([
    ['no at sign', 'mary.nasa.example'],
    ['no domain dot', 'mary@nasa'],
    ['a space', 'mary jackson@nasa.example'],
    ['two at signs', 'mary@@nasa.example'],
    ['a leading dot', '.mary@nasa.example'],
    ['a trailing dot in the local part', 'mary.@nasa.example'],
  ])(
    'when the email has %s, then 422 asks for an address like name@example.com',
    async (_case, email) => {
      const res = await submitInvalid({ email });

      expectFieldError(res.text, 'email', 'Enter an email address like name@example.com.');
      expect(fieldIn(res.text, 'email')).toContain(`value="${email}"`);
    },
  );

  test.each([
    [
      'a bell character',
      'firstname',
      'Ma\u0007ry',
      'First name contains BEL (shown as ␇)',
      'Ma␇ry',
    ],
    [
      'a NUL character',
      'lastname',
      'Jack\u0000son',
      'Last name contains NUL (shown as ␀)',
      'Jack␀son',
    ],
    [
      'an escape character',
      'title',
      'Engi\u001bneer',
      'Title contains ESC (shown as ␛)',
      'Engi␛neer',
    ],
    ['a DEL character', 'phone', '555\u007f0100', 'Phone contains DEL (shown as ␡)', '555␡0100'],
  ])(
    'when a field holds %s, then 422 names it, and the form shows it visibly where it was typed',
    async (_case, column, value, message, shown) => {
      const res = await submitInvalid({ [column]: value });

      expectFieldError(res.text, column, `${message}, which can&#39;t be saved: remove it.`);
      expect(fieldIn(res.text, column)).toContain(`value="${shown}"`);
      expect(res.text).not.toContain(value);
    },
  );

  test('when a field holds two kinds of control character, then the message names both', async () => {
    const res = await submitInvalid({ firstname: 'A\u0000B\u001bC\u0000' });

    expectFieldError(
      res.text,
      'firstname',
      'First name contains NUL (shown as ␀) and ESC (shown as ␛), which can&#39;t be saved: remove them.',
    );
    expect(fieldIn(res.text, 'firstname')).toContain('value="A␀B␛C␀"');
  });

  test('when a one-line field holds a line break, then 422 says the field cannot hold it', async () => {
    const res = await submitInvalid({ title: 'Chief\nEngineer' });

    expectFieldError(
      res.text,
      'title',
      'Title contains line breaks or tabs, which this field can&#39;t hold.',
    );
  });

  test('when several fields are wrong, then each has its own message and the summary counts them', async () => {
    const res = await submitInvalid({ lastname: '', email: 'nope', firstname: 'F'.repeat(41) });

    expectFieldError(res.text, 'lastname', 'Last name is required.');
    expectFieldError(res.text, 'email', 'Enter an email address like name@example.com.');
    expect(fieldIn(res.text, 'firstname')).toContain('aria-invalid="true"');
    expect(res.text).toContain('3 fields need attention. Nothing was saved.');
  });

  test('when a field is sent twice, then 422 asks for a single value', async () => {
    const { sfid, form, before } = await openCard();
    const body = new URLSearchParams({ ...form, title: 'One' });
    body.append('title', 'Two');

    const res = await agent.post(`/contacts/${sfid}`).type('form').send(body.toString());

    expect(res.status).toBe(422);
    expectFieldError(res.text, 'title', 'Enter a single value.');
    expect(await readContact(t.db, sfid)).toEqual(before);
  });

  test('when a rejected form is shown again, then it still carries the values the user started from', async () => {
    const { sfid, form } = await openCard();

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, lastname: '' });

    expect(res.text).toContain(`name="shown" value="${form.shown ?? ''}"`);
  });

  test('when the form body is larger than the app accepts, then 413 explains and nothing is saved', async () => {
    const { sfid, form, before } = await openCard();

    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ ...form, description: 'x'.repeat(600 * 1024) });

    expect(res.status).toBe(413);
    expect(res.text).toContain('The form was too large to accept.');
    expect(await readContact(t.db, sfid)).toEqual(before);
  });
});
