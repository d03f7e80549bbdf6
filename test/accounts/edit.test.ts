import type TestAgent from 'supertest/lib/agent';
import { insertAccount, flashOn, readAccountRow } from '../support/accounts';
import { decodeHtml, editFormValues, hiddenFieldsIn } from '../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

/** The fields a conflict page offers a choice for, by their legends. */
function offeredFields(html: string): string[] {
  return [...html.matchAll(/<legend>([^<]*)<\/legend>/g)].map((m) => decodeHtml(m[1] ?? ''));
}

describe('editing an account', () => {
  let t: TestApp;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Opens the account page and posts its edit form as a browser would, some fields changed. */
  const openAndSave = async (sfid: string, changes: Record<string, string>) => {
    const page = await editor.get(`/accounts/${sfid}`);
    return editor
      .post(`/accounts/${sfid}`)
      .type('form')
      .send({ ...editFormValues(page.text), ...changes });
  };
  const changeInSalesforce = (sfid: string, column: string, value: string) =>
    t.db.query(`UPDATE salesforce.account SET ${column} = $1 WHERE sfid = $2`, [value, sfid]);

  test('when a viewer opens an account, then it shows the details read-only with no edit form', async () => {
    await insertAccount(t.db, { sfid: '001EDIT0000000001A', name: 'Read Only Co' });

    const page = await t.agentSignedInAs(TEST_USERS.viewer).get('/accounts/001EDIT0000000001A');

    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="details-heading">Details</h2>');
    expect(page.text).not.toContain('name="shown"');
  });

  test('when an editor changes the phone, then only the phone is written and the page says it is syncing', async () => {
    await insertAccount(t.db, {
      sfid: '001EDIT0000000002A',
      name: 'Phone Co',
      website: 'phone.example',
      phone: '555-0100',
    });

    const res = await openAndSave('001EDIT0000000002A', { phone: ' 555-0199 ' });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/accounts/001EDIT0000000002A');
    expect(await readAccountRow(t.db, '001EDIT0000000002A')).toMatchObject({
      name: 'Phone Co',
      website: 'phone.example',
      phone: '555-0199',
    });
    const page = await editor.get('/accounts/001EDIT0000000002A');
    expect(flashOn(page.text)).toBe('Saved; syncing to Salesforce.');
  });

  test('when a field the user left alone was changed meanwhile, then it keeps the other value and the flash says so', async () => {
    await insertAccount(t.db, { sfid: '001EDIT0000000003A', name: 'Merge Co', industry: 'Energy' });
    const page = await editor.get('/accounts/001EDIT0000000003A');
    await changeInSalesforce('001EDIT0000000003A', 'industry', 'Utilities');

    const res = await editor
      .post('/accounts/001EDIT0000000003A')
      .type('form')
      .send({ ...editFormValues(page.text), billingcity: 'Springfield' });

    expect(res.status).toBe(303);
    expect(await readAccountRow(t.db, '001EDIT0000000003A')).toMatchObject({
      industry: 'Utilities',
      billingcity: 'Springfield',
    });
    const next = await editor.get('/accounts/001EDIT0000000003A');
    expect(flashOn(next.text)).toBe(
      'Saved; syncing to Salesforce. What others changed meanwhile was kept: Industry.',
    );
  });

  test('when someone else changed the same field meanwhile, then 409 offers only that field and nothing is written', async () => {
    await insertAccount(t.db, {
      sfid: '001EDIT0000000004A',
      name: 'Conflict Co',
      website: 'old.example',
      phone: '555-0100',
    });
    const page = await editor.get('/accounts/001EDIT0000000004A');
    await changeInSalesforce('001EDIT0000000004A', 'website', 'theirs.example');
    const before = await readAccountRow(t.db, '001EDIT0000000004A');

    const res = await editor
      .post('/accounts/001EDIT0000000004A')
      .type('form')
      .send({ ...editFormValues(page.text), website: 'mine.example', phone: '555-0111' });

    expect(res.status).toBe(409);
    expect(res.text).toContain('Someone changed this account while you were editing');
    expect(offeredFields(res.text)).toEqual(['Website']);
    expect(res.text).toContain('value="mine.example"');
    expect(res.text).toContain('value="theirs.example"');
    expect(await readAccountRow(t.db, '001EDIT0000000004A')).toEqual(before);
  });

  test('when the user then chooses their value on the conflict page, then it is saved with their other change', async () => {
    await insertAccount(t.db, {
      sfid: '001EDIT0000000007A',
      name: 'Choice Co',
      website: 'old.example',
    });
    const page = await editor.get('/accounts/001EDIT0000000007A');
    await changeInSalesforce('001EDIT0000000007A', 'website', 'theirs.example');
    const conflict = await editor
      .post('/accounts/001EDIT0000000007A')
      .type('form')
      .send({ ...editFormValues(page.text), website: 'mine.example', phone: '555-0177' });
    const choices = hiddenFieldsIn(conflict.text, '/accounts/001EDIT0000000007A');

    const res = await editor
      .post('/accounts/001EDIT0000000007A')
      .type('form')
      .send({ ...choices, website: 'mine.example' });

    expect(conflict.status).toBe(409);
    expect(res.status).toBe(303);
    expect(await readAccountRow(t.db, '001EDIT0000000007A')).toMatchObject({
      website: 'mine.example',
      phone: '555-0177',
    });
  });

  test('when the name is emptied, then the page comes back 422 with the message and what was typed, and nothing is written', async () => {
    await insertAccount(t.db, { sfid: '001EDIT0000000005A', name: 'Named Co', phone: '555-0100' });
    const before = await readAccountRow(t.db, '001EDIT0000000005A');

    const res = await openAndSave('001EDIT0000000005A', { name: '', phone: '555-0122' });

    expect(res.status).toBe(422);
    expect(res.text).toContain('Account name is required.');
    expect(res.text).toContain('value="555-0122"');
    expect(await readAccountRow(t.db, '001EDIT0000000005A')).toEqual(before);
  });

  test('when a viewer posts a save, then it is refused with 403 and nothing is written', async () => {
    await insertAccount(t.db, { sfid: '001EDIT0000000006A', name: 'Guarded Co' });
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const page = await viewer.get('/accounts/001EDIT0000000006A');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';

    const res = await viewer
      .post('/accounts/001EDIT0000000006A')
      .type('form')
      .send({ _csrf: csrf, name: 'Taken Over' });

    expect(res.status).toBe(403);
    expect((await readAccountRow(t.db, '001EDIT0000000006A'))?.name).toBe('Guarded Co');
  });
});
