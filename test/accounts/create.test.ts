import type TestAgent from 'supertest/lib/agent';
import { hiddenFieldsIn } from '../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { flashOn, readAccountRow } from '../support/accounts';

const ALREADY_CREATED = 'This form was already sent, so no second account was created.';

describe('creating an account', () => {
  let t: TestApp;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The New account form's hidden fields, as a browser that just opened it would post them. */
  const openForm = async (client = editor) =>
    hiddenFieldsIn((await client.get('/accounts/new')).text, '/accounts');
  const post = (form: Record<string, string>, client = editor) =>
    client.post('/accounts').type('form').send(form);
  const accountsNamed = async (name: string) =>
    (
      await t.db.query<{ external_account_id__c: string }>(
        'SELECT external_account_id__c FROM salesforce.account WHERE name = $1',
        [name],
      )
    ).rows;

  test('when an editor opens the account list, then it offers New account', async () => {
    const list = await editor.get('/accounts');

    expect(list.text).toContain('<a class="button" href="/accounts/new">New account</a>');
  });

  test('when an editor creates an account, then it is stored with a fresh External ID and the editor as owner, and its page says it was created', async () => {
    const form = { ...(await openForm()), name: 'Acme Rockets', website: 'acme.example' };

    const res = await post(form);

    expect(res.status).toBe(303);
    const externalId = /^\/accounts\/([0-9a-f]{32})$/.exec(res.headers.location ?? '')?.[1];
    expect(externalId).toBeDefined();
    const stored = await readAccountRow(t.db, externalId ?? '');
    expect(stored).toMatchObject({
      name: 'Acme Rockets',
      website: 'acme.example',
      phone: null,
      ownerid: TEST_USERS.editor.id,
      external_account_id__c: externalId,
      sfid: null,
    });
    const page = await editor.get(res.headers.location ?? '');
    expect(page.status).toBe(200);
    expect(flashOn(page.text)).toBe('Created; syncing to Salesforce.');
    expect(page.text).toContain('<h1><bdi>Acme Rockets</bdi></h1>');
  });

  test('when the same form is posted twice, then one account is created and both answers lead to its page', async () => {
    const form = { ...(await openForm()), name: 'Twice Ltd' };

    const first = await post(form);
    const second = await post(form);

    const stored = await accountsNamed('Twice Ltd');
    expect(stored).toHaveLength(1);
    const href = `/accounts/${stored[0]?.external_account_id__c ?? ''}`;
    expect([first.headers.location, second.headers.location]).toEqual([href, href]);
    expect(flashOn((await editor.get(href)).text)).toBe(ALREADY_CREATED);
  });

  test('when the same form is posted twice at once, then one account is created', async () => {
    const form = { ...(await openForm()), name: 'Racing Ltd' };

    const answers = await Promise.all([post(form), post(form)]);

    const stored = await accountsNamed('Racing Ltd');
    expect(stored).toHaveLength(1);
    expect(answers.map((answer) => answer.status)).toEqual([303, 303]);
  });

  test('when a viewer opens or posts the New account form, then it is refused with 403 and nothing is stored', async () => {
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const list = await viewer.get('/accounts');
    const form = { ...(await openForm()), name: 'Viewer Corp' };

    const opened = await viewer.get('/accounts/new');
    const posted = await post(form, viewer);

    expect(list.text).not.toContain('New account');
    expect([opened.status, posted.status]).toEqual([403, 403]);
    expect(await accountsNamed('Viewer Corp')).toEqual([]);
  });

  test('when the name is missing, then the form comes back 422 with the message and what was typed, and nothing is stored', async () => {
    const form = { ...(await openForm()), name: '  ', website: 'nameless.example' };

    const res = await post(form);

    expect(res.status).toBe(422);
    expect(res.text).toContain('Account name is required.');
    expect(res.text).toContain('value="nameless.example"');
    const stored = await t.db.query(
      "SELECT 1 FROM salesforce.account WHERE website = 'nameless.example'",
    );
    expect(stored.rowCount).toBe(0);
  });

  test('when the name is too long as Salesforce counts it (UTF-16, an emoji is two), then it is refused and nothing is stored', async () => {
    // 254 characters as a person counts them, but 256 UTF-16 code units: over Name's 255.
    const name = `${'a'.repeat(252)}🚀🚀`;
    const form = { ...(await openForm()), name };

    const res = await post(form);

    expect(res.status).toBe(422);
    expect(res.text).toContain(
      'Account name can be at most 255 characters; emoji count as two (you entered 256).',
    );
    expect(await accountsNamed(name)).toEqual([]);
  });
});

describe('creating an account without its External ID mapped', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query('ALTER TABLE salesforce.account DROP COLUMN external_account_id__c');
  });
  afterAll(async () => {
    await t.close();
  });

  test('when an editor opens or posts the form, then creating is switched off with 409 and nothing is stored', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);

    const opened = await editor.get('/accounts/new');
    const posted = await editor
      .post('/accounts')
      .type('form')
      .send({
        _csrf: /name="_csrf" value="([^"]+)"/.exec(opened.text)?.[1] ?? '',
        name: 'No Key Inc',
      });

    expect([opened.status, posted.status]).toEqual([409, 409]);
    expect(opened.text).toContain('Creating accounts is switched off');
    const stored = await t.db.query("SELECT 1 FROM salesforce.account WHERE name = 'No Key Inc'");
    expect(stored.rowCount).toBe(0);
  });
});
