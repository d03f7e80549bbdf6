import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent';
import { decodeUrlencoded } from '../../src/web/formBody';
import { insertContact, readAsText } from '../support/contacts';
import { csrfTokenIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp';

const UNREADABLE_ADDRESS = 'This address contains characters that could not be read.';
const UNREADABLE_NAME = 'The form has a field name that could not be read.';

describe('strict decoding of addresses and forms', () => {
  let t: TestApp;
  let signedIn: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    signedIn = await t.signedInAgent();
    await insertContact(t.db, { firstname: 'Björn', lastname: 'Ström' });
    await insertContact(t.db, { firstname: 'Bjorn', lastname: 'Plain' });
  });
  afterAll(async () => {
    await t.close();
  });

  test.each([
    ['a truncated escape', '/contacts?q=%E0%A4%A'],
    ['an encoded surrogate', '/contacts?q=B%ED%A0%80rn'],
    ['an overlong encoding', '/contacts?q=%C0%AF'],
    ['a lone lead byte at the end', '/contacts?q=Bj%C3'],
    ['an escape that is not hex', '/contacts?q=%ZZ'],
    ['a malformed name', '/contacts?%ZZ=x'],
    ['a malformed second parameter', '/contacts?q=Bj%C3%B6rn&sort=%FF'],
  ])(
    'when the list is asked for with %s in the query, then a 400 page says the address could not be read',
    async (_case, url) => {
      const res = await signedIn.get(url).set('Accept', 'text/html');

      expect(res.status).toBe(400);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain(UNREADABLE_ADDRESS);
      expect(res.text).not.toContain('Ström');
    },
  );

  test('when a signed-out visitor opens the sign-in page with a malformed query, then it is refused before any page runs', async () => {
    const res = await t.agent().get('/signin?next=%2Fcontacts%C3').set('Accept', 'text/html');

    expect(res.status).toBe(400);
    expect(res.text).toContain(UNREADABLE_ADDRESS);
  });

  test('when a query has more than 100 parameters, then a 400 page says there were too many', async () => {
    const query = Array.from({ length: 101 }, (_, i) => `p${String(i)}=x`).join('&');

    const res = await signedIn.get(`/contacts?${query}`).set('Accept', 'text/html');

    expect(res.status).toBe(400);
    expect(res.text).toContain('This address has too many parameters.');
  });

  test('when the list is searched for ö encoded as UTF-8, then it finds the contact with ö', async () => {
    const res = await signedIn.get('/contacts?q=Bj%C3%B6rn');

    expect(res.status).toBe(200);
    expect(readAsText(res.text)).toContain('Björn Ström');
    expect(readAsText(res.text)).not.toContain('Bjorn Plain');
  });

  test.each([
    ['a truncated UTF-8 sequence after it', `${encodeURIComponent(TEST_PASSWORD)}%C3`],
    ['an encoded surrogate', 'B%ED%A0%80rn'],
    ['a malformed escape', '%ZZ'],
  ])(
    'when the password is sent with %s, then sign-in is refused and the visitor stays signed out',
    async (_case, password) => {
      const agent = t.agent();
      const form = await agent.get('/signin');

      const res = await agent
        .post('/signin')
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrfTokenIn(form.text))}&password=${password}`);
      const after = await agent.get('/contacts');

      expect(res.status).toBe(401);
      expect(after.status).toBe(303);
      expect(after.headers.location).toMatch(/^\/signin/);
    },
  );

  test('when a form has a field name that does not decode, then a 400 page refuses the whole form', async () => {
    const agent = t.agent();
    const form = await agent.get('/signin');

    const res = await agent
      .post('/signin')
      .type('form')
      .set('Accept', 'text/html')
      .send(
        `_csrf=${encodeURIComponent(csrfTokenIn(form.text))}&password=${encodeURIComponent(TEST_PASSWORD)}&n%ED%A0%80=x`,
      );
    const after = await agent.get('/contacts');

    expect(res.status).toBe(400);
    expect(res.text).toContain(UNREADABLE_NAME);
    expect(after.status).toBe(303);
  });
});

describe('decoding urlencoded text', () => {
  test('when a value does not decode, then it reads as empty and its name is listed, and the other values are kept', () => {
    const { fields, unreadable } = decodeUrlencoded(
      'firstname=B%ED%A0%80rn&lastname=Str%C3%B6m&email=a%C3&email=b%40example.com',
    );

    expect(fields).toEqual({ firstname: '', lastname: 'Ström', email: ['', 'b@example.com'] });
    expect([...unreadable]).toEqual(['firstname', 'email']);
  });

  test('when text has plus signs and an encoded plus, then the plus reads as a space and the encoded one as a plus', () => {
    const { fields, unreadable } = decodeUrlencoded('q=Bj%C3%B6rn+Str%C3%B6m&phone=%2B44');

    expect(fields).toEqual({ q: 'Björn Ström', phone: '+44' });
    expect(unreadable.size).toBe(0);
  });

  test('when a name does not decode, then decoding throws a URIError', () => {
    expect(() => decodeUrlencoded('ok=1&%C0%AF=x')).toThrow(URIError);
  });

  test('when any names and values are encoded with encodeURIComponent, then they decode to exactly themselves', () => {
    // Characters with a meaning in urlencoded text, mixed into any Unicode.
    const text = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom('%', '+', '&', '=', '[', ']', '.', ' ', '#', '?'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        ),
        maxLength: 20,
      })
      // A lone surrogate is not text encodeURIComponent can send.
      .filter((s) => s.isWellFormed());
    // qs reads a name wrapped in brackets as bracket notation and drops '' and `__proto__`, as it
    // does in body-parser; no form of this app uses such a name.
    const name = text.filter(
      (s) => s !== '' && s !== '__proto__' && !(s.startsWith('[') && s.endsWith(']')),
    );
    const pairs = fc.uniqueArray(fc.tuple(name, text), {
      selector: ([key]) => key,
      maxLength: 10,
    });

    fc.assert(
      fc.property(pairs, (entries) => {
        const encoded = entries
          .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
          .join('&');

        const { fields, unreadable } = decodeUrlencoded(encoded);

        expect(fields).toEqual(Object.fromEntries(entries));
        expect(unreadable.size).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });
});
