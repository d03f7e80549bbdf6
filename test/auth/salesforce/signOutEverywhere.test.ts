import type TestAgent from 'supertest/lib/agent';
import { csrfTokenIn, hiddenFieldsIn } from '../../support/httpUser';
import { startSalesforceTestApp, type SalesforceTestApp } from '../../support/salesforceTestApp';

async function isSignedIn(browser: TestAgent): Promise<boolean> {
  return (await browser.get('/contacts')).status === 200;
}

describe('signing a user out everywhere', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp();
  });
  afterAll(() => t.close());

  test('when an admin signs a user out everywhere, then every browser of theirs is signed out, others are not, and it is recorded', async () => {
    const [laptop, phone, admin, bystander] = [t.browser(), t.browser(), t.browser(), t.browser()];
    await t.signInAs(laptop, 'editor');
    await t.signInAs(phone, 'editor');
    await t.signInAs(admin, 'admin');
    await t.signInAs(bystander, 'viewer');

    const users = await admin.get('/users');
    const form = hiddenFieldsIn(
      users.text.slice(users.text.indexOf('Eddie Editor')),
      '/users/signout',
    );
    const done = await admin.post('/users/signout').type('form').send(form);
    const after = await admin.get('/users');

    expect(users.status).toBe(200);
    expect(form.user_id).toBe('005000000000002AAA');
    expect(done.status).toBe(303);
    expect(after.text).toContain('\u2068Eddie Editor\u2069 is signed out on every browser.');
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(admin)).toBe(true);
    expect(await isSignedIn(bystander)).toBe(true);
    const recorded = await t.db.query<{ user_id: string; detail: string }>(
      `SELECT user_id, detail FROM contact_card.audit_entries WHERE action = 'sign_out_everywhere'`,
    );
    expect(recorded.rows).toEqual([
      { user_id: '005000000000001AAA', detail: 'signed out 005000000000002AAA everywhere' },
    ]);
  });

  test('when a user signed out everywhere signs in again, then the new session works', async () => {
    const browser = t.browser();
    await t.signInAs(browser, 'editor');

    expect(await isSignedIn(browser)).toBe(true);
  });

  test('when an editor asks for the users page or posts a sign-out everywhere, then it is refused with 403 and nobody is signed out', async () => {
    const [editor, viewer] = [t.browser(), t.browser()];
    await t.signInAs(editor, 'editor');
    await t.signInAs(viewer, 'viewer');
    const csrf = csrfTokenIn((await editor.get('/contacts')).text);

    const page = await editor.get('/users');
    const post = await editor
      .post('/users/signout')
      .type('form')
      .send({ _csrf: csrf, user_id: '005000000000003AAA', name: 'Vera Viewer' });

    expect(page.status).toBe(403);
    expect(post.status).toBe(403);
    expect(await isSignedIn(viewer)).toBe(true);
  });

  test('when the user id posted is not one, then the admin gets a 400 page', async () => {
    const admin = t.browser();
    await t.signInAs(admin, 'admin');
    const csrf = csrfTokenIn((await admin.get('/users')).text);

    const res = await admin
      .post('/users/signout')
      .type('form')
      .send({ _csrf: csrf, user_id: "x' OR 1=1 --" });

    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a user from the list');
  });
});
