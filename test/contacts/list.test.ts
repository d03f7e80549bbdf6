import { insertContact } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';

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
    expect(res.text).toContain('Grace Hopper');
    expect(res.text).toContain('Rear Admiral');
    expect(res.text).toContain('grace@example.com');
    expect(res.text).toContain('+1 555 0100');
    expect(res.text).toContain('badge-synced');
    expect(res.text).toContain('href="/contacts/003LIST0000000001A"');
  });
});
