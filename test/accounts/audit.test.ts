import { hiddenFieldsIn, editFormValues } from '../support/httpUser';
import { insertAccount } from '../support/accounts';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

/** The audit page's rows that link to `href`, as text. */
function auditRowsLinkingTo(html: string, href: string): string[] {
  return [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)]
    .map((row) => row[0])
    .filter((row) => row.includes(`href="${href}"`));
}

describe('the audit trail of accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when an editor creates and then edits an account, then both entries are on /audit linked to its page, and on its page', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    const form = hiddenFieldsIn((await editor.get('/accounts/new')).text, '/accounts');
    const created = await editor
      .post('/accounts')
      .type('form')
      .send({ ...form, name: 'Audited Co', industry: 'Mining' });
    const href = created.headers.location ?? '';
    const page = await editor.get(href);
    await editor
      .post(href)
      .type('form')
      .send({ ...editFormValues(page.text), phone: '555-0142' });

    const audit = await t.agentSignedInAs(TEST_USERS.admin).get('/audit');
    const accountPage = await editor.get(href);

    expect(href).toMatch(/^\/accounts\/[0-9a-f]{32}$/);
    const rows = auditRowsLinkingTo(audit.text, href);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Edited');
    expect(rows[0]).toContain('555-0142');
    expect(rows[1]).toContain('Created');
    expect(rows[1]).toContain('Audited Co');
    expect(audit.text).not.toContain(`href="/contacts/${href.slice('/accounts/'.length)}"`);
    const stored = await t.db.query<{ object: string; action: string }>(
      `SELECT object, action FROM contact_card.audit_entries
        WHERE external_id = $1 ORDER BY id`,
      [href.slice('/accounts/'.length)],
    );
    expect(stored.rows).toEqual([
      { object: 'account', action: 'create' },
      { object: 'account', action: 'edit' },
    ]);
    expect(accountPage.text).toContain('Changed in Contact Card');
    expect(accountPage.text).toContain('<td data-label="What" class="long-value">Phone</td>');
    expect(accountPage.text).toContain(
      '<td data-label="What" class="long-value">Account name, Industry</td>',
    );
  });

  test('when an account has no entries, then its page says no change made here is on record', async () => {
    await insertAccount(t.db, { sfid: '001AUDIT000000001A', name: 'Quiet Co' });

    const page = await t.agentSignedInAs(TEST_USERS.editor).get('/accounts/001AUDIT000000001A');

    expect(page.text).toContain('No change to this account made in this app is on record.');
  });
});
