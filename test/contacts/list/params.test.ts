import { listedKeys, listedNames, matchCountIn } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';
import type TestAgent from 'supertest/lib/agent';

describe('unexpected list parameters', () => {
  let t: TestApp;
  let agent: TestAgent;
  let defaultPage: string[];
  beforeAll(async () => {
    t = await startTestApp();
    // More than one default page, in an order that differs from insertion (by name).
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, title, email, _hc_lastop)
       SELECT '003PARM' || lpad(n::text, 8, '0') || 'AAA', 'Pat', 'Param ' || lpad(((n * 7) % 40)::text, 2, '0'),
              'Title ' || n, 'p' || n || '@params.example', 'SYNCED'
         FROM generate_series(1, 40) AS n`,
    );
    agent = await t.signedInAgent();
    defaultPage = listedKeys((await agent.get('/contacts')).text);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when no parameters are given, then the default is the first 25 by name ascending', async () => {
    const res = await agent.get('/contacts');

    expect(defaultPage).toHaveLength(25);
    expect(listedNames(res.text).slice(0, 3)).toEqual([
      'Pat Param 00',
      'Pat Param 01',
      'Pat Param 02',
    ]);
    expect(res.text).toContain('Contacts, sorted by Name, ascending');
  });

  test.each([
    ['an unknown sort column', 'sort=evil'],
    ['SQL as the sort column', 'sort=name%3BDROP%20TABLE%20salesforce.contact'],
    ['an unknown direction', 'dir=x'],
    ['a negative page', 'page=-1'],
    ['page zero', 'page=0'],
    ['a non-numeric page', 'page=abc'],
    ['a fractional page', 'page=1.5'],
    ['a huge page', 'page=99999999999999999999'],
    ['an unsupported page size', 'perPage=7'],
    ['a huge page size', 'perPage=1000000'],
    ['array-style parameters', 'sort[]=email&dir[]=desc&page[]=2&perPage[]=50'],
    ['nested parameters', 'sort[a]=email&page[x]=2'],
    ['empty values', 'sort=&dir=&page=&perPage=&q='],
    ['an unknown parameter', 'colour=blue'],
  ])('when the URL has %s, then the default first page is shown with 200', async (_case, query) => {
    const res = await agent.get(`/contacts?${query}`);

    expect(res.status).toBe(200);
    expect(listedKeys(res.text)).toEqual(defaultPage);
    expect(res.text).toContain('Contacts, sorted by Name, ascending');
  });

  test('when q is repeated, then the first value is used', async () => {
    const res = await agent.get('/contacts?q=Title%2017&q=Title%2018');

    expect(res.status).toBe(200);
    expect(matchCountIn(res.text)).toBe('1 contact matching “Title 17” · Show all');
  });

  test('when sort and dir are repeated, then the first values are used', async () => {
    const res = await agent.get('/contacts?sort=email&sort=evil&dir=desc&dir=asc');

    expect(res.status).toBe(200);
    expect(res.text).toContain('Contacts, sorted by Email, descending');
  });

  test('when q is an array or object, then it is ignored and everything is listed', async () => {
    const res = await agent.get('/contacts?q[]=Param&q[x]=y');

    expect(res.status).toBe(200);
    expect(matchCountIn(res.text)).toBe('40 contacts');
  });

  test('when q is longer than 100 characters, then the first 100 are searched without an error', async () => {
    const res = await agent.get('/contacts').query({ q: 'p'.repeat(500) });

    expect(res.status).toBe(200);
    expect(res.text).toContain(`value="${'p'.repeat(100)}"`);
    expect(res.text).not.toContain('p'.repeat(101));
  });

  test('when q holds a NUL, then it is dropped and the rest is searched', async () => {
    const res = await agent.get('/contacts?q=Title%2017%00');

    expect(res.status).toBe(200);
    expect(matchCountIn(res.text)).toBe('1 contact matching “Title 17” · Show all');
  });

  test('when parameters hold malformed percent-escapes, then the page answers 400 and says so', async () => {
    const res = await agent.get('/contacts?q=%E0%A4%A&sort=%FF&page=%');

    expect(res.status).toBe(400);
    expect(res.text).toContain('This address contains characters that could not be read.');
  });
});
