import { formValuesIn, insertContact, readContact } from '../support/contacts';
import { csrfTokenIn, startTestApp, type TestApp } from '../support/testApp';

describe('CSRF protection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function openCard(sfid: string) {
    await insertContact(t.db, { sfid, lastname: 'Guarded', title: 'Unchanged' });
    const agent = await t.signedInAgent();
    const card = await agent.get(`/contacts/${sfid}`);
    return { agent, form: formValuesIn(card.text), before: await readContact(t.db, sfid) };
  }

  test('when an edit is posted without a CSRF token, then a 403 page explains and nothing is written', async () => {
    const { agent, form, before } = await openCard('003CSRF00000001AAA');
    const withoutToken = { ...form };
    delete withoutToken._csrf;

    const res = await agent
      .post('/contacts/003CSRF00000001AAA')
      .type('form')
      .send({ ...withoutToken, title: 'Forged' });

    expect(res.status).toBe(403);
    expect(res.text).toContain('<h1>Forbidden</h1>');
    expect(res.text).toContain('This form has expired or did not come from this app.');
    expect(await readContact(t.db, '003CSRF00000001AAA')).toEqual(before);
  });

  test('when an edit is posted with a wrong CSRF token, then 403 and nothing is written', async () => {
    const { agent, form, before } = await openCard('003CSRF00000002AAA');

    const res = await agent
      .post('/contacts/003CSRF00000002AAA')
      .type('form')
      .send({ ...form, _csrf: 'x'.repeat(43), title: 'Forged' });

    expect(res.status).toBe(403);
    expect(await readContact(t.db, '003CSRF00000002AAA')).toEqual(before);
  });

  test('when an edit carries the token of another session, then 403 and nothing is written', async () => {
    const { agent, form, before } = await openCard('003CSRF00000003AAA');
    const other = await t.signedInAgent();
    const otherToken = csrfTokenIn((await other.get('/contacts')).text);
    expect(otherToken).not.toBe(form._csrf);

    const res = await agent
      .post('/contacts/003CSRF00000003AAA')
      .type('form')
      .send({ ...form, _csrf: otherToken, title: 'Forged' });

    expect(res.status).toBe(403);
    expect(await readContact(t.db, '003CSRF00000003AAA')).toEqual(before);
  });

  test('when the token from before sign-in is used after it, then 403, since sign-in starts a new session', async () => {
    await insertContact(t.db, { sfid: '003CSRF00000004AAA', title: 'Unchanged' });
    const agent = t.agent();
    const beforeSignIn = csrfTokenIn((await agent.get('/signin')).text);
    await agent
      .post('/signin')
      .type('form')
      .send({ _csrf: beforeSignIn, password: 'correct horse battery staple' });
    const card = await agent.get('/contacts/003CSRF00000004AAA');

    const res = await agent
      .post('/contacts/003CSRF00000004AAA')
      .type('form')
      .send({ ...formValuesIn(card.text), _csrf: beforeSignIn, title: 'Forged' });

    expect(card.status).toBe(200);
    expect(res.status).toBe(403);
    expect((await readContact(t.db, '003CSRF00000004AAA'))?.title).toBe('Unchanged');
  });

  test('when one session opens a card twice, then each page carries a different token and the first still saves', async () => {
    const { agent, form } = await openCard('003CSRF00000006AAA');
    const again = formValuesIn((await agent.get('/contacts/003CSRF00000006AAA')).text);

    const res = await agent
      .post('/contacts/003CSRF00000006AAA')
      .type('form')
      .send({ ...form, title: 'Saved' });

    expect(again._csrf).not.toBe(form._csrf);
    expect(res.status).toBe(303);
    expect((await readContact(t.db, '003CSRF00000006AAA'))?.title).toBe('Saved');
  });

  test('when the session’s token is posted unmasked, as pages showed it before masking, then 403', async () => {
    const { agent, form, before } = await openCard('003CSRF00000007AAA');

    const res = await agent
      .post('/contacts/003CSRF00000007AAA')
      .type('form')
      .send({ ...form, _csrf: unmasked(form._csrf ?? ''), title: 'Forged' });

    expect(res.status).toBe(403);
    expect(await readContact(t.db, '003CSRF00000007AAA')).toEqual(before);
  });

  test('when sign-in is posted without a token, then 403', async () => {
    const res = await t
      .agent()
      .post('/signin')
      .type('form')
      .send({ password: 'correct horse battery staple' });

    expect(res.status).toBe(403);
  });

  test('when the token is sent as an array, then 403 rather than an error', async () => {
    const { agent, form, before } = await openCard('003CSRF00000005AAA');
    const body = new URLSearchParams({ ...form, title: 'Forged' });
    body.append('_csrf', form._csrf ?? '');

    const res = await agent.post('/contacts/003CSRF00000005AAA').type('form').send(body.toString());

    expect(res.status).toBe(403);
    expect(await readContact(t.db, '003CSRF00000005AAA')).toEqual(before);
  });
});

/** The session's own token inside a masked one: the second half XOR the first (the mask). */
function unmasked(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  const half = bytes.length / 2;
  const secret = bytes.subarray(half).map((byte, i) => byte ^ (bytes[i] ?? 0));
  return Buffer.from(secret).toString('base64url');
}
