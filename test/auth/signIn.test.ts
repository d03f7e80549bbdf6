import { insertContact, readContact } from '../support/contacts';
import {
  csrfTokenIn,
  redirectNotice,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../support/testApp';
import { sessionCookie } from '../support/sessionCookie';

describe('signing in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await insertContact(t.db, { sfid: '003AUTH00000001AAA', lastname: 'Private', title: 'Secret' });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a signed-out visitor opens the list, then they are sent to sign in with the page remembered and see no contact data', async () => {
    const res = await t.agent().get('/contacts?q=Private');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fcontacts%3Fq%3DPrivate');
    expect(res.text).toBe(redirectNotice(res.headers.location));
  });

  test('when a signed-out visitor opens a card, then they are sent to sign in and see no contact data', async () => {
    const res = await t.agent().get('/contacts/003AUTH00000001AAA');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fcontacts%2F003AUTH00000001AAA');
    expect(res.text).toBe(redirectNotice(res.headers.location));
  });

  test('when a signed-out visitor posts an edit, even with a valid CSRF token, then it is refused and nothing is written', async () => {
    const agent = t.agent();
    const form = await agent.get('/signin');

    const res = await agent
      .post('/contacts/003AUTH00000001AAA')
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), lastname: 'Hacked', title: 'Hacked' });

    expect(res.status).toBe(401);
    expect(await readContact(t.db, '003AUTH00000001AAA')).toMatchObject({
      lastname: 'Private',
      title: 'Secret',
    });
  });

  test('when the password is wrong, then 401 says so and the visitor stays signed out', async () => {
    const agent = t.agent();

    const res = await signIn(agent, 'not the password');
    const after = await agent.get('/contacts');

    expect(res.status).toBe(401);
    expect(res.text).toContain('That password is not correct.');
    expect(res.text).toContain('aria-invalid="true"');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/signin/);
  });

  test('when the password is right, then the visitor is sent on to the page they asked for', async () => {
    const agent = t.agent();
    const form = await agent.get('/signin?next=%2Fcontacts%2F003AUTH00000001AAA');
    expect(form.text).toContain('name="next" value="/contacts/003AUTH00000001AAA"');

    const res = await agent
      .post('/signin')
      .type('form')
      .send({
        _csrf: csrfTokenIn(form.text),
        password: TEST_PASSWORD,
        next: '/contacts/003AUTH00000001AAA',
      });
    const card = await agent.get(res.headers.location ?? '');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/contacts/003AUTH00000001AAA');
    expect(card.status).toBe(200);
    expect(card.text).toContain('Secret');
  });

  test('when signing in, then the session cookie is HttpOnly and SameSite', async () => {
    const agent = t.agent();

    const res = await signIn(agent);

    const cookies = res.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((cookie) => cookie.startsWith('cc_session='));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
  });

  test.each([
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash trick', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript URL', 'javascript:alert(1)'],
  ])('when next is %s, then sign-in goes to the contact list instead', async (_case, next) => {
    const agent = t.agent();
    const form = await agent.get(`/signin?next=${encodeURIComponent(next)}`);

    const res = await agent
      .post('/signin')
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), password: TEST_PASSWORD, next });

    expect(form.text).toContain('name="next" value="/contacts"');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/contacts');
  });

  test('when a signed-in user signs out, then they see a confirmation and the contacts ask for sign-in again', async () => {
    const agent = await t.signedInAgent();
    const page = await agent.get('/contacts');

    const res = await agent
      .post('/signout')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });
    const signinPage = await agent.get(res.headers.location ?? '');
    const after = await agent.get('/contacts');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin');
    expect(signinPage.text).toContain('You are signed out.');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/signin/);
  });

  test('when a session cookie copied before sign-out is replayed, then it is no longer signed in', async () => {
    const agent = t.agent();
    const signedIn = await signIn(agent);
    const copied = sessionCookie(signedIn.headers['set-cookie']);
    const page = await agent.get('/contacts');
    await agent
      .post('/signout')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) });

    const res = await t.agent().get('/contacts').set('Cookie', copied);

    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });
});
