import type { ConnectEmulator } from '../../src/emulator/processor';
import { changeFromSalesforce } from '../../src/emulator/salesforceChange';
import { csrfTokenIn, startTestApp, shownFormValueIn, type TestApp } from '../support/testApp';
import { insertFromSalesforce, installEmulator, SCHEMA } from './harness';

/** The existing card and edit form, with the emulator standing in for Heroku Connect. */
describe('editing a contact with the Connect emulator', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  async function openCard(sfid: string) {
    const agent = await t.signedInAgent();
    const card = await agent.get(`/contacts/${sfid}`);
    return { agent, csrf: csrfTokenIn(card.text), shown: shownFormValueIn(card.text) };
  }

  const form = (values: Record<string, string>) => ({
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@example.com',
    title: 'Analyst',
    ...values,
  });

  test('when a user saves an edit, then the card shows PENDING, and UPDATED once Connect has sent it', async () => {
    const { sfid } = await insertFromSalesforce(t.db, form({}));
    const { agent, csrf, shown } = await openCard(sfid);

    const saved = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ _csrf: csrf, shown, ...form({ title: 'CTO' }) });
    const pending = await agent.get(`/contacts/${sfid}`);
    await emulator.processOnce();
    const updated = await agent.get(`/contacts/${sfid}`);

    expect(saved.status).toBe(303);
    expect(pending.text).toContain('badge-pending');
    expect(updated.text).toContain('badge-updated');
    expect(updated.text).toContain('value="CTO"');
  });

  test('when a user saves an email Salesforce rejects, then the card shows FAILED and Salesforce’s message', async () => {
    const { sfid } = await insertFromSalesforce(t.db, form({}));
    const { agent, csrf, shown } = await openCard(sfid);

    await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ _csrf: csrf, shown, ...form({ email: 'ada@invalid.example' }) });
    await emulator.processOnce();
    const card = await agent.get(`/contacts/${sfid}`);

    expect(card.text).toContain('badge-failed');
    expect(card.text).toContain(
      'INVALID_EMAIL_ADDRESS: Email: invalid email address: ada@invalid.example',
    );
  });

  test('when Salesforce changes the contact while a user edits it, then the save is a 409 conflict', async () => {
    const { sfid } = await insertFromSalesforce(t.db, form({}));
    const { agent, csrf, shown } = await openCard(sfid);

    await changeFromSalesforce(t.db, SCHEMA, sfid, { title: 'Changed in Salesforce' });
    const res = await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({ _csrf: csrf, shown, ...form({ title: 'Typed by the user' }) });

    expect(res.status).toBe(409);
    expect(res.text).toContain('Changed in Salesforce');
    expect(res.text).toContain('Typed by the user');
  });
});
