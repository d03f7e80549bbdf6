import type TestAgent from 'supertest/lib/agent';
import { insertAccount, linkContact, type StoredAccount } from '../../support/accounts';
import { decodeHtml, insertContact, submitCard, type StoredContact } from '../../support/contacts';
import { hiddenFieldsIn } from '../../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';

const WARNING = 'This contact may already exist';

/** The Save anyway checkbox's value, as a browser sends it once the box is ticked. */
function saveAnywayIn(html: string): string {
  const value = /value="([^"]*)" name="_save_anyway"/.exec(html)?.[1];
  if (value === undefined) throw new Error('page has no Save anyway choice');
  return decodeHtml(value);
}

/** The links the warning lists, as "href text". */
function warnedAbout(html: string): string[] {
  const warning = /<div class="form-error" role="alert" id="duplicates">([\s\S]*?)<\/div>/.exec(
    html,
  )?.[1];
  if (warning === undefined) return [];
  return Array.from(warning.matchAll(/<li><a href="([^"]+)">([\s\S]*?)<\/a>/g), ([, href, name]) =>
    `${href} ${decodeHtml((name ?? '').replace(/<[^>]*>/g, ''))}`.trim(),
  );
}

describe('likely duplicates on create and edit', () => {
  let t: TestApp;
  let agent: TestAgent;
  let acme: StoredAccount;
  let globex: StoredAccount;
  let jose: StoredContact;
  beforeAll(async () => {
    t = await startTestApp();
    agent = await t.signedInAgent();
    acme = await insertAccount(t.db, { name: 'Acme Dupes' });
    globex = await insertAccount(t.db, { name: 'Globex Dupes' });
    jose = await insertContact(t.db, { firstname: 'José', lastname: 'Núñez', email: null });
    await linkContact(t.db, jose.id, acme);
  });
  afterAll(async () => {
    await t.close();
  });

  const openForm = async () => hiddenFieldsIn((await agent.get('/contacts/new')).text, '/contacts');
  const post = (form: Record<string, string>) => agent.post('/contacts').type('form').send(form);
  const countNamed = async (lastname: string) =>
    Number(
      (
        await t.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM salesforce.contact WHERE lastname = $1',
          [lastname],
        )
      ).rows[0]?.n,
    );

  test('when a new contact has the email of another in other letter case, then the form comes back as typed with a warning linking to it, and nothing is created until Save anyway', async () => {
    const grace = await insertContact(t.db, {
      firstname: 'Grace',
      lastname: 'Hopper',
      email: 'Grace.Hopper@Example.com',
    });
    const typed = {
      firstname: 'Gracie',
      lastname: 'Hopperton',
      email: 'grace.hopper@example.COM',
      title: 'Rear Admiral',
    };
    const form: Record<string, string> = { ...(await openForm()), ...typed };

    const warned = await post(form);

    expect(warned.status).toBe(409);
    expect(warned.text).toContain(WARNING);
    expect(warnedAbout(warned.text)).toEqual([`/contacts/${grace.sfid} Grace Hopper`]);
    expect(warned.text).toContain('Grace.Hopper@Example.com');
    for (const value of Object.values(typed)) expect(warned.text).toContain(`value="${value}"`);
    expect(await countNamed('Hopperton')).toBe(0);

    const refilled = hiddenFieldsIn(warned.text, '/contacts');
    expect(refilled._submission).toBe(form._submission);
    const again = await post({ ...refilled, ...typed });
    expect(again.status).toBe(409);
    expect(again.text).toContain(WARNING);

    const anyway = { ...refilled, ...typed, _save_anyway: saveAnywayIn(warned.text) };
    const [saved, twice] = [await post(anyway), await post(anyway)];
    expect([saved.status, twice.status]).toEqual([303, 303]);
    expect(twice.headers.location).toBe(saved.headers.location);
    expect(await countNamed('Hopperton')).toBe(1);
  });

  test('when a new contact has a very similar name at the same account, then it warns; at another account it is created', async () => {
    const at = async (account: StoredAccount) =>
      post({
        ...(await openForm()),
        firstname: ' jose',
        lastname: 'NUNEZ ',
        account: account.name ?? '',
      });

    const same = await at(acme);
    const other = await at(globex);

    expect(same.status).toBe(409);
    expect(warnedAbout(same.text)).toEqual([`/contacts/${jose.sfid} José Núñez`]);
    expect(same.text).toContain('Acme Dupes');
    expect(other.status).toBe(303);
  });

  test('when an edit changes no email, name or account, then it saves without a warning, whatever duplicates there are', async () => {
    const first = await insertContact(t.db, { lastname: 'Twin One', email: 'twin@example.com' });
    await insertContact(t.db, { lastname: 'Twin Two', email: 'twin@example.com' });

    const saved = await submitCard(agent, first.sfid ?? '', { title: 'Chief Twin' });

    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/contacts/${first.sfid}`);
  });

  test("when an edit gives a contact another's email, then the card comes back with what was typed and a warning, not listing the contact itself; Save anyway saves it", async () => {
    const editing = await insertContact(t.db, { lastname: 'Editing', email: 'mine@example.com' });
    const taken = await insertContact(t.db, { lastname: 'Taken', email: 'taken@example.com' });

    const warned = await submitCard(agent, editing.sfid ?? '', {
      email: 'TAKEN@example.com',
      title: 'Typed title',
    });

    expect(warned.status).toBe(409);
    expect(warnedAbout(warned.text)).toEqual([`/contacts/${taken.sfid} Ada Taken`]);
    expect(warned.text).toContain('value="TAKEN@example.com"');
    expect(warned.text).toContain('value="Typed title"');
    const stored = await t.db.query('SELECT email FROM salesforce.contact WHERE id = $1', [
      editing.id,
    ]);
    expect(stored.rows[0]).toEqual({ email: 'mine@example.com' });

    const anyway = await submitCard(agent, editing.sfid ?? '', {
      email: 'TAKEN@example.com',
      _save_anyway: saveAnywayIn(warned.text),
    });
    expect(anyway.status).toBe(303);
  });
});

describe('likely duplicates under CONTACT_VISIBILITY=owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CONTACT_VISIBILITY: 'owner' } });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the duplicate belongs to another owner, then the warning says one exists that the user cannot open, and shows nothing of it', async () => {
    const theirs = await insertContact(t.db, {
      firstname: 'Secret',
      lastname: 'Keeper',
      email: 'keeper@example.com',
    });
    await t.db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE id = $2', [
      TEST_USERS.viewer.id,
      theirs.id,
    ]);
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const form = hiddenFieldsIn((await editor.get('/contacts/new')).text, '/contacts');

    const warned = await editor
      .post('/contacts')
      .type('form')
      .send({ ...form, lastname: 'Newcomer', email: 'Keeper@example.com' });

    expect(warned.status).toBe(409);
    expect(warned.text).toContain(
      'A contact with this email or name exists that you cannot open: it belongs to another owner.',
    );
    expect(warnedAbout(warned.text)).toEqual([]);
    expect(warned.text).not.toContain('Secret');
    expect(warned.text).not.toContain(theirs.sfid ?? '');
  });
});
