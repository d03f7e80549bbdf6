import { CookieAccessInfo } from 'cookiejar';
import { SessionCodec, SHARED_USER } from '../../src/auth/session';
import { SESSION_COOKIE } from '../../src/auth/sessionCookie';
import { sampleUserByKey } from '../../src/loginEmulator/sampleUsers';
import { formValuesIn, insertContact, listedNames } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { startSalesforceTestApp, type SalesforceTestApp } from '../support/salesforceTestApp';
import { startTestApp, TEST_PASSWORD, TEST_USERS } from '../support/testApp';

const OWNER_MODE = { CONTACT_VISIBILITY: 'owner' };
const VIEWER = sampleUserByKey('viewer');
const EDITOR = sampleUserByKey('editor');

function codecOf({ config }: SalesforceTestApp): SessionCodec {
  return new SessionCodec({
    sessionSecret: config.sessionSecret,
    appPassword: config.appPassword,
    ttlMs: config.sessionTtlMs,
  });
}

describe('owner visibility with Sign in with Salesforce', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp({ env: OWNER_MODE });
    await t.db.query(
      `INSERT INTO salesforce."user" (sfid, name, isactive) VALUES ($1, $2, true), ($3, $4, true)`,
      [VIEWER?.userId, VIEWER?.name, EDITOR?.userId, EDITOR?.name],
    );
  });
  afterAll(() => t.close());

  test('when someone posts the shared password, then the page says why it is refused and nobody is signed in', async () => {
    const browser = t.browser();
    const form = await browser.get('/signin');
    // The page has no form to carry a token, so it is the session's, as a script would forge it.
    const cookie = browser.jar.getCookie(SESSION_COOKIE, CookieAccessInfo.All);
    const session = codecOf(t).decode(cookie?.value ?? '');
    if (!session) throw new Error('the sign-in page set no session');

    const res = await browser
      .post('/signin')
      .type('form')
      .send({ _csrf: codecOf(t).csrfToken(session), password: TEST_PASSWORD, next: '/contacts' });

    expect(form.text).not.toContain('name="password"');
    expect(res.status).toBe(403);
    expect(res.text).toContain('the shared password has no Salesforce identity');
    expect((await browser.get('/contacts')).headers.location).toMatch(/^\/signin/);
  });

  test('when a shared-password session from before the switch opens a page, then it is refused with the reason', async () => {
    const res = await t.agentSignedInAs(SHARED_USER).get('/contacts');

    expect(res.status).toBe(403);
    expect(res.text).toContain('the shared password has no Salesforce identity');
  });

  test('when an editor creates a contact, then it is theirs and stays in their list', async () => {
    const editor = t.browser();
    await t.signInAs(editor, 'editor');
    const form = hiddenFieldsIn((await editor.get('/contacts/new')).text, '/contacts');

    const created = await editor
      .post('/contacts')
      .type('form')
      .send({ ...form, firstname: 'Nora', lastname: 'Newlyowned' });
    const list = await editor.get('/contacts?q=newlyowned');

    expect(created.status).toBe(303);
    expect(listedNames(list.text)).toEqual(['Nora Newlyowned']);
  });

  test('when an editor gives their contact to someone else, then it is saved, they are told, and it leaves their pages', async () => {
    const contact = await insertContact(t.db, { firstname: 'Otto', lastname: 'Handedover' });
    await t.db.query('UPDATE salesforce.contact SET ownerid = $1 WHERE id = $2', [
      EDITOR?.userId,
      contact.id,
    ]);
    const editor = t.browser();
    await t.signInAs(editor, 'editor');
    const card = await editor.get(`/contacts/${contact.sfid ?? ''}`);

    const saved = await editor
      .post(`/contacts/${contact.sfid ?? ''}`)
      .type('form')
      .send({ ...formValuesIn(card.text), owner: VIEWER?.userId });
    const list = await editor.get('/contacts?q=handedover');
    const again = await editor.get(`/contacts/${contact.sfid ?? ''}`);

    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/contacts');
    expect(list.text).toContain('owns the contact now, so you no longer see it.');
    expect(listedNames(list.text)).toEqual([]);
    expect(again.status).toBe(404);
    const stored = await t.db.query('SELECT ownerid FROM salesforce.contact WHERE id = $1', [
      contact.id,
    ]);
    expect(stored.rows).toEqual([{ ownerid: VIEWER?.userId }]);
  });
});

describe('owner visibility without OwnerId in the mapping', () => {
  test('when a signed-in user opens the list, then a 503 page says which field the mapping needs', async () => {
    const t = await startTestApp({ env: OWNER_MODE });
    try {
      await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN ownerid');
      await insertContact(t.db, { firstname: 'Una', lastname: 'Unowned' });

      const res = await t.agentSignedInAs(TEST_USERS.viewer).get('/contacts');

      expect(res.status).toBe(503);
      expect(res.text).toContain('needs Contact.OwnerId in the Heroku Connect mapping');
      expect(res.text).not.toContain('Unowned');
    } finally {
      await t.close();
    }
  });
});
