import { insertContact } from '../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

describe('what caches may keep', () => {
  let t: TestApp;
  let sfid: string;
  beforeAll(async () => {
    t = await startTestApp();
    sfid = (await insertContact(t.db, { lastname: 'Uncached' })).sfid ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  test.each([
    '/contacts',
    '/contacts?q=Uncached',
    '/contacts/new',
    'card',
    'vcard',
    '/accounts',
    '/sync/failed',
    '/audit',
    '/audit.csv',
    '/users',
    '/setup',
    '/no-such-page',
  ])('when a signed-in admin opens %s, then it says no-store', async (page) => {
    const path =
      page === 'card' ? `/contacts/${sfid}` : page === 'vcard' ? `/contacts/${sfid}/vcard` : page;

    const res = await t.agentSignedInAs(TEST_USERS.admin).get(path);

    expect(res.status).toBe(page === '/no-such-page' ? 404 : 200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('when the sign-in form is shown, then it says no-store too, as it carries its session’s token', async () => {
    const res = await t.agent().get('/signin');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('when an asset is fetched, then it keeps its own lifetime', async () => {
    const res = await t.agent().get('/assets/app.css');

    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});
