import { insertContact, listedNames, matchCountIn } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';

describe('contact list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a signed-in user opens the list, then each contact shows name, title, email, phone and sync state', async () => {
    await insertContact(t.db, {
      firstname: 'Grace',
      lastname: 'Hopper',
      title: 'Rear Admiral',
      email: 'grace@example.com',
      phone: '+1 555 0100',
      sfid: '003LIST0000000001A',
    });
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<bdi>Grace</bdi> <bdi>Hopper</bdi>');
    expect(res.text).toContain('Rear Admiral');
    expect(res.text).toContain('grace@example.com');
    expect(res.text).toContain('+1 555 0100');
    expect(res.text).toContain('badge-synced');
    expect(res.text).toContain('href="/contacts/003LIST0000000001A"');
  });

  test('when the list is shown, then its columns are Name, Title, Email, Phone, Account, Owner and Sync in that order, all but Owner sortable', async () => {
    await insertContact(t.db, { lastname: 'Columns' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    const headers = [...res.text.matchAll(/<th scope="col"[^>]*>(<a [^>]*>)?([A-Za-z]+)/g)].map(
      (m) => (m[1] ? `${m[2]} (sorts)` : m[2]),
    );
    expect(headers).toEqual([
      'Name (sorts)',
      'Title (sorts)',
      'Email (sorts)',
      'Phone (sorts)',
      'Account (sorts)',
      'Owner',
      'Sync (sorts)',
    ]);
  });

  test('when a row is pending or failed, then its sync column says so', async () => {
    await insertContact(t.db, { lastname: 'Waiting', _hc_lastop: 'PENDING' });
    await insertContact(t.db, { lastname: 'Rejected', _hc_lastop: 'FAILED' });
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?q=Waiting');
    const failed = await agent.get('/contacts?q=Rejected');

    expect(res.text).toContain('<span class="badge badge-pending">PENDING</span>');
    expect(failed.text).toContain('<span class="badge badge-failed">FAILED</span>');
  });

  test('when someone opens the site root, then they are sent to the contact list', async () => {
    const res = await t.agent().get('/');

    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/contacts');
  });

  test('when Salesforce has deleted a contact (isdeleted), then the list and the count leave it out and its card is not found', async () => {
    await insertContact(t.db, { firstname: 'Kept', lastname: 'Zedekiah' });
    await insertContact(t.db, {
      firstname: 'Gone',
      lastname: 'Zedekiah',
      sfid: '003DELETED0000001A',
      isdeleted: true,
    });
    const agent = await t.signedInAgent();

    const list = await agent.get('/contacts?q=Zedekiah');
    const card = await agent.get('/contacts/003DELETED0000001A');

    expect(listedNames(list.text)).toEqual(['Kept Zedekiah']);
    expect(matchCountIn(list.text)).toMatch(/^1 contact matching/);
    expect(card.status).toBe(404);
  });
});
