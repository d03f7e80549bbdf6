import { insertContact, listedNames } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';

describe('HTML in contact data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await insertContact(t.db, {
      sfid: '003ESCAPE00000001A',
      firstname: '<script>alert(1)</script>',
      lastname: '"><img src=x onerror=alert(2)>',
      title: "</td><b>bold</b>'",
      email: 'x@escape.example',
      _hc_err: '{"msg":"<iframe src=evil>"}',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const RAW_MARKUP = ['<script>alert(1)', '<img src=x', '<b>bold', '<iframe'];

  test('when a contact’s name holds markup, then the list shows it as text and contains no raw tag', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?q=escape.example');

    expect(listedNames(res.text)).toEqual([
      '<script>alert(1)</script> "><img src=x onerror=alert(2)>',
    ]);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('&#34;&gt;&lt;img src=x onerror=alert(2)&gt;');
    for (const markup of RAW_MARKUP) expect(res.text).not.toContain(markup);
  });

  test('when a contact’s name holds markup, then the card and its form show it as text and contain no raw tag', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/003ESCAPE00000001A');

    expect(res.status).toBe(200);
    expect(res.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.text).toContain('value="&#34;&gt;&lt;img src=x onerror=alert(2)&gt;"');
    expect(res.text).toContain('&lt;iframe src=evil&gt;');
    for (const markup of RAW_MARKUP) expect(res.text).not.toContain(markup);
  });

  test('when a search holds markup, then it is echoed escaped', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts').query({ q: '"><script>alert(3)</script>' });

    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(3)');
    expect(res.text).toContain('value="&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"');
  });

  test('when a rejected form holds markup, then it is refilled escaped', async () => {
    const agent = await t.signedInAgent();
    const card = await agent.get('/contacts/003ESCAPE00000001A');
    const token = /name="_csrf" value="([^"]+)"/.exec(card.text)?.[1] ?? '';
    const shown = /name="shown" value="([^"]+)"/.exec(card.text)?.[1] ?? '';

    const res = await agent
      .post('/contacts/003ESCAPE00000001A')
      .type('form')
      .send({ _csrf: token, shown, lastname: '', firstname: '<svg onload=alert(4)>' });

    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<svg');
    expect(res.text).toContain('value="&lt;svg onload=alert(4)&gt;"');
  });

  test('when any page is served, then a strict Content-Security-Policy forbids inline script', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/003ESCAPE00000001A');

    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});
