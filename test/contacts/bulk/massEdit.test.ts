import type TestAgent from 'supertest/lib/agent';
import { insertAccount } from '../../support/accounts';
import { decodeHtml } from '../../support/contacts';
import { entriesIn, insertFromSalesforce, updateAsApp } from '../../emulator/harness';
import { csrfTokenIn, TEST_USERS, type TestApp } from '../../support/testApp';
import {
  auditOf,
  batchIdIn,
  chooseFromList,
  itemsOf,
  postMassEdit,
  startBulkTestApp,
  submitMassEdit,
} from './bulkSupport';

describe('editing many contacts at once', () => {
  let t: TestApp;
  let editor: TestAgent;
  const owners = { olive: '005OWNER00000001AA', ivy: '005OWNER00000003AA' };
  beforeAll(async () => {
    t = await startBulkTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
    await t.db.query(
      `INSERT INTO salesforce."user" (sfid, name, isactive)
       VALUES ($1, 'Olive Owner', true), ($2, 'Ivy Inactive', false)`,
      [owners.olive, owners.ivy],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  /** Contacts of a family of their own, so each test's search finds only its rows. */
  const family = async (lastname: string, count: number, values: Record<string, string> = {}) => {
    const rows = [];
    for (let i = 0; i < count; i += 1) {
      rows.push(await insertFromSalesforce(t.db, { firstname: `P${i}`, lastname, ...values }));
    }
    return rows;
  };
  const chooseAll = async (lastname: string) => {
    const res = await chooseFromList(editor, `/contacts?q=${lastname}`, { all: 'edit' });
    return batchIdIn(res.headers.location);
  };
  const contactRow = async (id: number) =>
    (
      await t.db.query<Record<string, string | null>>(
        'SELECT title, department, mailingcity, accountid, ownerid, _hc_lastop FROM salesforce.contact WHERE id = $1',
        [id],
      )
    ).rows[0];

  test('when the form opens, then it names how many contacts, the first of them, and one Change box per field', async () => {
    await family('Formfamily', 23);
    const id = await chooseAll('Formfamily');

    const res = await editor.get(`/contacts/bulk/${id}`);

    const text = decodeHtml(res.text);
    expect(text).toContain('<h1>Edit 23 contacts</h1>');
    expect(text).toContain('<bdi>P0</bdi> <bdi>Formfamily</bdi>');
    expect(text).toContain('and 3 more.');
    expect(text).toContain('<label for="change-title">Change Title</label>');
    expect(text).toContain('<label for="change-mailingcity">Change City</label>');
    expect(text).toContain('<label for="change-account">Change Account</label>');
    expect(text).toContain('<label for="change-owner">Change Owner</label>');
    expect(text).not.toContain('change-email');
  });

  test('when Title is ticked, then each row gets it and only it is written, with an audit entry per row naming the batch', async () => {
    const rows = await family('Titlefamily', 3, { department: 'Ops' });
    const id = await chooseAll('Titlefamily');

    const res = await submitMassEdit(editor, id, ['title'], {
      title: 'Director',
      department: 'Ignored',
    });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/sync/batches/${id}`);
    for (const row of rows) {
      expect(await contactRow(row.id)).toMatchObject({
        title: 'Director',
        department: 'Ops',
        _hc_lastop: 'PENDING',
      });
      const [entry] = await entriesIn(t.db, '_trigger_log', row.id);
      expect(entry?.action).toBe('UPDATE');
      expect(entry?.changed).toEqual({ title: 'Director' });
    }
    const items = await itemsOf(t.db, id);
    expect(items.map((item) => item.outcome)).toEqual(['written', 'written', 'written']);
    for (const [i, item] of items.entries()) {
      const [entry] = await entriesIn(t.db, '_trigger_log', rows[i]?.id ?? 0);
      expect(item.trigger_log_id).toBe(entry?.id);
    }
    const audit = await auditOf(t.db, id);
    expect(audit).toHaveLength(3);
    expect(audit[0]).toEqual({
      action: 'edit',
      sfid: rows[0]?.sfid,
      changes: [{ field: 'title', label: 'Title', from: 'Analyst', to: 'Director' }],
    });
    const batch = await t.db.query<{ applied_at: Date | null; changes: unknown }>(
      'SELECT applied_at, changes FROM contact_card.batches WHERE id = $1',
      [id],
    );
    expect(batch.rows[0]?.applied_at).not.toBeNull();
    expect(batch.rows[0]?.changes).toEqual([{ field: 'title', label: 'Title', to: 'Director' }]);
  });

  test('when a ticked field is left empty, then it is cleared', async () => {
    const [row] = await family('Clearfamily', 1, { mailingcity: 'Oslo' });
    const id = await chooseAll('Clearfamily');

    const res = await submitMassEdit(editor, id, ['mailingcity'], { mailingcity: '' });

    expect(res.status).toBe(303);
    expect((await contactRow(row?.id ?? 0))?.mailingcity).toBeNull();
  });

  test('when a row changed meanwhile, then it keeps its value; a row already as asked is not written; a deleted one is gone', async () => {
    const [changed, same, plain, deleted] = await family('Mixfamily', 4);
    await t.db.query(`UPDATE salesforce.contact SET title = 'Director' WHERE id = $1`, [same?.id]);
    const id = await chooseAll('Mixfamily');
    await updateAsApp(t.db, changed?.id ?? 0, { title: 'Someone else’s title' });
    await t.db.query('DELETE FROM salesforce.contact WHERE id = $1', [deleted?.id]);
    const logBefore = (await entriesIn(t.db, '_trigger_log', same?.id ?? 0)).length;

    const res = await submitMassEdit(editor, id, ['title'], { title: 'Director' });

    expect(res.status).toBe(303);
    expect((await contactRow(changed?.id ?? 0))?.title).toBe('Someone else’s title');
    expect((await contactRow(plain?.id ?? 0))?.title).toBe('Director');
    expect(await entriesIn(t.db, '_trigger_log', same?.id ?? 0)).toHaveLength(logBefore);
    const items = await itemsOf(t.db, id);
    // In the list's order: by first name, P0 to P3.
    expect(items.map((item) => [item.outcome, item.trigger_log_id === null])).toEqual([
      ['changed_meanwhile', true],
      ['unchanged', true],
      ['written', false],
      ['gone', true],
    ]);
    expect((await auditOf(t.db, id)).map((entry) => entry.sfid)).toEqual([plain?.sfid]);
  });

  test('when the form is sent twice, then the batch is applied once', async () => {
    const [row] = await family('Twicefamily', 2);
    const id = await chooseAll('Twicefamily');

    const token = csrfTokenIn((await editor.get(`/contacts/bulk/${id}`)).text);

    const [first, second] = await Promise.all([
      postMassEdit(editor, id, token, ['department'], { department: 'Sales' }),
      postMassEdit(editor, id, token, ['department'], { department: 'Sales' }),
    ]);
    const third = await postMassEdit(editor, id, token, ['department'], {
      department: 'Marketing',
    });

    for (const res of [first, second, third]) {
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/sync/batches/${id}`);
    }
    expect((await contactRow(row?.id ?? 0))?.department).toBe('Sales');
    expect(await auditOf(t.db, id)).toHaveLength(2);
    expect(await entriesIn(t.db, '_trigger_log', row?.id ?? 0)).toHaveLength(1);
    expect((await editor.get(`/contacts/bulk/${id}`)).headers.location).toBe(`/sync/batches/${id}`);
  });

  test('when Account is set by a name no account has, then one new account is created for every row', async () => {
    const rows = await family('Accountfamily', 3);
    const id = await chooseAll('Accountfamily');

    const asked = await submitMassEdit(editor, id, ['account'], { account: 'Brand New Corp' });
    expect(asked.status).toBe(422);
    expect(decodeHtml(asked.text)).toContain('Create a new account named “Brand New Corp”');
    const res = await submitMassEdit(editor, id, ['account'], {
      account: 'Brand New Corp',
      account_choice: 'new',
    });

    expect(res.status).toBe(303);
    const accounts = await t.db.query<{ external_account_id__c: string }>(
      `SELECT external_account_id__c FROM salesforce.account WHERE name = 'Brand New Corp'`,
    );
    expect(accounts.rows).toHaveLength(1);
    const external = accounts.rows[0]?.external_account_id__c;
    for (const row of rows) {
      const linked = await t.db.query<{ link: string | null }>(
        `SELECT account__external_account_id__c AS link FROM salesforce.contact WHERE id = $1`,
        [row.id],
      );
      expect(linked.rows[0]?.link).toBe(external);
    }
    const audit = await auditOf(t.db, id);
    expect(audit[0]?.changes).toEqual([
      { field: 'accountid', label: 'Account', from: '', to: 'Brand New Corp (new account)' },
    ]);
  });

  test('when Account is set to an existing account by name, then every row names it by its sfid', async () => {
    const account = await insertAccount(t.db, { name: 'Existing Works' });
    const rows = await family('Existingfamily', 2);
    const id = await chooseAll('Existingfamily');

    const res = await submitMassEdit(editor, id, ['account'], { account: 'existing works' });

    expect(res.status).toBe(303);
    for (const row of rows) expect((await contactRow(row.id))?.accountid).toBe(account.sfid);
  });

  test('when Owner is set, then every row gets the new owner and the audit names them', async () => {
    const rows = await family('Ownerfamily', 2);
    const id = await chooseAll('Ownerfamily');

    const res = await submitMassEdit(editor, id, ['owner'], { owner: owners.olive });

    expect(res.status).toBe(303);
    for (const row of rows) expect((await contactRow(row.id))?.ownerid).toBe(owners.olive);
    const audit = await auditOf(t.db, id);
    expect(audit[0]?.changes).toEqual([
      { field: 'ownerid', label: 'Owner', from: '', to: 'Olive Owner' },
    ]);
  });

  test('when the input is refused, then the form says why, keeps what was typed, and nothing is written', async () => {
    const [row] = await family('Badfamily', 2);
    const id = await chooseAll('Badfamily');
    const logBefore = (await entriesIn(t.db, '_trigger_log', row?.id ?? 0)).length;

    const nothing = await submitMassEdit(editor, id, [], { title: 'Not ticked' });
    expect(nothing.status).toBe(422);
    expect(decodeHtml(nothing.text)).toContain('Tick “Change” beside at least one field.');

    const tooLong = await submitMassEdit(editor, id, ['title', 'department'], {
      title: 'x'.repeat(129),
      department: 'Kept as typed',
    });
    expect(tooLong.status).toBe(422);
    expect(decodeHtml(tooLong.text)).toContain('Title');
    expect(tooLong.text).toMatch(/class="field-error" id="field-title-error">[^<]*128/);
    expect(tooLong.text).toContain('value="Kept as typed"');
    expect(tooLong.text).toContain(
      'id="change-department" name="change" value="department" checked',
    );

    const unknownOwner = await submitMassEdit(editor, id, ['owner'], {
      owner: '005NOSUCHUSER0000A',
    });
    expect(unknownOwner.status).toBe(422);
    expect(decodeHtml(unknownOwner.text)).toContain('Choose an active user as the owner');
    const inactive = await submitMassEdit(editor, id, ['owner'], { owner: owners.ivy });
    expect(inactive.status).toBe(422);

    expect(await entriesIn(t.db, '_trigger_log', row?.id ?? 0)).toHaveLength(logBefore);
    expect((await contactRow(row?.id ?? 0))?.title).toBe('Analyst');
    expect((await itemsOf(t.db, id)).map((item) => item.outcome)).toEqual([null, null]);
    expect(await auditOf(t.db, id)).toEqual([]);
  });
});
