import type TestAgent from 'supertest/lib/agent';
import { csrfTokenIn, hiddenFieldsIn } from '../../support/httpUser';
import { startSalesforceTestApp, type SalesforceTestApp } from '../../support/salesforceTestApp';
import { signIn } from '../../support/testApp';

async function isSignedIn(browser: TestAgent): Promise<boolean> {
  return (await browser.get('/contacts')).status === 200;
}

describe('signing out everywhere else', () => {
  let t: SalesforceTestApp;
  beforeAll(async () => {
    t = await startSalesforceTestApp();
  });
  afterAll(() => t.close());

  test('when a user signs out everywhere else, then their other browsers are signed out, this one stays signed in, others are untouched, and it is recorded', async () => {
    const [laptop, phone, tablet, colleague] = [t.browser(), t.browser(), t.browser(), t.browser()];
    await t.signInAs(laptop, 'editor');
    await t.signInAs(phone, 'editor');
    await t.signInAs(tablet, 'editor');
    await t.signInAs(colleague, 'viewer');

    const page = await laptop.get('/session');
    const done = await laptop
      .post('/session/signout-others')
      .type('form')
      .send(hiddenFieldsIn(page.text, '/session/signout-others'));
    const after = await laptop.get('/session');

    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign out everywhere else');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/session');
    expect(after.text).toContain(
      'You are signed out on every other browser; this one stays signed in.',
    );
    expect(await isSignedIn(laptop)).toBe(true);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(tablet)).toBe(false);
    expect(await isSignedIn(colleague)).toBe(true);
    // This browser's new session works for forms too: its token is the new session's.
    const card = await laptop.get('/session');
    expect(csrfTokenIn(card.text)).not.toBe(csrfTokenIn(page.text));
    const recorded = await t.db.query<{ user_id: string; detail: string }>(
      `SELECT user_id, detail FROM contact_card.audit_entries WHERE action = 'sign_out_elsewhere'`,
    );
    expect(recorded.rows).toEqual([
      { user_id: '005000000000002AAA', detail: 'signed out their other sessions' },
    ]);
  });

  test('when the post carries no CSRF token, then it is refused and no session is signed out', async () => {
    const [laptop, phone] = [t.browser(), t.browser()];
    await t.signInAs(laptop, 'viewer');
    await t.signInAs(phone, 'viewer');

    const res = await laptop.post('/session/signout-others').type('form').send({});

    expect(res.status).toBe(403);
    expect(await isSignedIn(laptop)).toBe(true);
    expect(await isSignedIn(phone)).toBe(true);
  });

  test('when the shared sign-in asks to sign out everywhere else, then it is refused: it is not one person', async () => {
    const [mine, theirs] = [t.browser(), t.browser()];
    await signIn(mine);
    await signIn(theirs);
    const page = await mine.get('/session');

    const res = await mine
      .post('/session/signout-others')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });

    expect(page.text).toContain('This is the shared sign-in');
    expect(page.text).not.toContain('action="/session/signout-others"');
    expect(res.status).toBe(403);
    expect(await isSignedIn(theirs)).toBe(true);
  });

  test('when someone signed out asks for the session page, then they are sent to sign in', async () => {
    const res = await t.browser().get('/session');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fsession');
  });
});
