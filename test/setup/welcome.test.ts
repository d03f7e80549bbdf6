import { createDevSchema } from '../../src/dev/devSchema';
import { insertContact, listedNames } from '../support/contacts';
import { csrfTokenIn, startTestApp, type TestApp } from '../support/testApp';

const SETUP_STEPS = [
  'Open the Heroku Connect add-on',
  'API name <code>External_Contact_Id__c</code>',
  'create a mapping for <strong>Contact</strong>',
  'FirstName, LastName, Title',
];

describe('the welcome page before Connect has created the table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ withSchema: false, env: { HEROKU_APP_NAME: 'my-contact-card' } });
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a signed-in user opens the contacts, then 200 shows the setup steps instead', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    expect(res.status).toBe(200);
    expect(res.text).toContain('Connect Salesforce to finish setting up');
    expect(res.text).toContain('has not created <code>salesforce.contact</code> yet');
    for (const step of SETUP_STEPS) expect(res.text).toContain(step);
  });

  test('when anyone opens /setup without signing in, then it shows the setup steps', async () => {
    const res = await t.agent().get('/setup');

    expect(res.status).toBe(200);
    for (const step of SETUP_STEPS) expect(res.text).toContain(step);
  });

  test('when the app name is known, then the page links to its dashboard and the Connect add-on', async () => {
    const res = await t.agent().get('/setup');

    expect(res.text).toContain('href="https://dashboard.heroku.com/apps/my-contact-card"');
    expect(res.text).toContain(
      'href="https://dashboard.heroku.com/apps/my-contact-card/resources"',
    );
  });

  test('when the app name is known, then the mapping step gives the import command for this app', async () => {
    const res = await t.agent().get('/setup');

    expect(res.text).toContain(
      '<code>heroku connect:import connect/contact-mapping.json -a my-contact-card</code>',
    );
  });

  test('when a card is opened or saved before setup, then the welcome page answers, never a 5xx', async () => {
    const agent = await t.signedInAgent();
    const page = await agent.get('/contacts/003ANYTHING0000AAA');

    const save = await agent
      .post('/contacts/003ANYTHING0000AAA')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), lastname: 'Early' });

    expect(page.status).toBe(200);
    expect(page.text).toContain('Connect Salesforce to finish setting up');
    expect(save.status).toBe(409);
    expect(save.text).toContain('Connect Salesforce to finish setting up');
  });

  test('when the request names an odd host, then /setup still answers 200', async () => {
    const res = await t.agent().get('/setup').set('Host', 'unexpected.example:8080');

    expect(res.status).toBe(200);
  });
});

describe('the welcome page while Connect sets up the table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ withSchema: false });
  });
  afterAll(async () => {
    await t.close();
  });

  // These tests run in order, each taking the table one step further, as Connect would.
  test('when HEROKU_APP_NAME is not set, then the steps say where to find the add-on without a broken link', async () => {
    const res = await t.agent().get('/setup');

    expect(res.status).toBe(200);
    expect(res.text).toContain("from your app's Resources tab in the Heroku Dashboard");
    expect(res.text).not.toContain('dashboard.heroku.com');
    expect(res.text).toContain('<code>heroku connect:import connect/contact-mapping.json</code>');
  });

  test('when the table exists but lastname is not mapped, then the page names the missing column', async () => {
    await t.db.query('CREATE SCHEMA salesforce');
    await t.db.query(
      'CREATE TABLE salesforce.contact (id serial PRIMARY KEY, sfid varchar(18), firstname varchar(40))',
    );
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    expect(res.status).toBe(200);
    expect(res.text).toContain('Heroku Connect created <code>salesforce.contact</code>');
    expect(res.text).toContain('columns the app needs are not mapped: <strong>lastname</strong>');
  });

  test('when Connect then completes the table, then the contacts appear without a restart and /setup says it is set up', async () => {
    const agent = await t.signedInAgent();
    await t.db.query('DROP SCHEMA salesforce CASCADE');
    await createDevSchema(t.db, 'salesforce');
    await insertContact(t.db, { firstname: 'First', lastname: 'Synced' });

    const list = await agent.get('/contacts');
    const setup = await agent.get('/setup');

    expect(listedNames(list.text)).toEqual(['First Synced']);
    expect(setup.status).toBe(200);
    expect(setup.text).toContain('Heroku Connect is set up');
    expect(setup.text).toContain('<a href="/contacts">Open the contacts</a>');
  });

  test('when the app is set up, then /setup without signing in sends to sign-in and tells nothing', async () => {
    const res = await t.agent().get('/setup');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fsetup');
    expect(res.text).not.toContain('salesforce.contact');
    expect(res.text).not.toContain('shared password');
  });
});
