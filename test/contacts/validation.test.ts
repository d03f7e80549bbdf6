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
      'First name can be at most 40 characters (you entered 41).',
    );
    expect(fieldIn(res.text, 'firstname')).toContain(`value="${'F'.repeat(41)}"`);
  });

  test.each(FIELD_LIMITS)(
    'when %s is one character over its Salesforce limit, then 422 shows the error at that field',
    async (column, label, limit) => {
      const tooLong = 'x'.repeat(limit + 1);

      const res = await submitInvalid({ [column]: tooLong });

      expectFieldError(
        res.text,
        column,
        `${label} can be at most ${limit.toLocaleString('en-US')} characters (you entered ${(limit + 1).toLocaleString('en-US')}).`,
      );
      expect(fieldIn(res.text, column)).toContain(tooLong);
    },
  );

  test('when the email is 81 characters, then 422 names the 80-character limit', async () => {
    const email = `${'e'.repeat(69)}@example.com`;

    const res = await submitInvalid({ email });

    expectFieldError(res.text, 'email', 'Email can be at most 80 characters (you entered 81).');
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
    ['a bell character', 'firstname', 'First name', 'Ma\u0007ry'],
    ['a NUL character', 'lastname', 'Last name', 'Jack\u0000son'],
    ['an escape character', 'title', 'Title', 'Engi\u001bneer'],
    ['a line break', 'title', 'Title', 'Chief\nEngineer'],
    ['a DEL character', 'phone', 'Phone', '555\u007f0100'],
  ])(
    'when a field holds %s, then 422 says it cannot be saved',
    async (_case, column, label, value) => {
      const res = await submitInvalid({ [column]: value });

      expectFieldError(
        res.text,
        column,
        `${label} contains control characters or line breaks that can&#39;t be saved.`,
      );
    },
  );

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
