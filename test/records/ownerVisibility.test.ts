import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { CookieAccessInfo } from 'cookiejar';
import { createApp } from '../../src/app';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { createLogger } from '../../src/logger';
import { sampleUserByKey } from '../../src/loginEmulator/sampleUsers';
import { accountRowsIn, insertAccount, type StoredAccount } from '../support/accounts';
import { listedNames, readAsText } from '../support/contacts';
import { csrfTokenIn } from '../support/httpUser';
import { startSalesforceTestApp, type SalesforceTestApp } from '../support/salesforceTestApp';
import { entriesIn, insertFromSalesforce, installEmulator, updateAsApp } from '../emulator/harness';

const VIEWER_ID = sampleUserByKey('viewer')?.userId ?? '';
const EDITOR_ID = sampleUserByKey('editor')?.userId ?? '';

// In the list's order: by last name, then first name.
const VIEWERS = ['Val Failing', 'Vera Heron', 'Victor Lark'];
const EDITORS = ['Edith Crossed', 'Ed Failing', 'Em Failing', 'Eddie Heron'];

/**
 * CONTACT_VISIBILITY=owner with the login emulator's sample users: the viewer and the editor
 * each own some contacts and an account; the editor also owns a contact at the viewer's account.
 */
describe('owner visibility', () => {
  let t: SalesforceTestApp;
  let emulator: ConnectEmulator;
  let viewer: TestAgent;
  let editor: TestAgent;
  let admin: TestAgent;
  let vireo: StoredAccount;
  let egret: StoredAccount;
  const sfids = new Map<string, string>();

  const contact = async (name: string, ownerid: string, account: StoredAccount) => {
    const [firstname = '', lastname = ''] = name.split(' ');
    const row = await insertFromSalesforce(t.db, {
      firstname,
      lastname,
      ownerid,
      accountid: account.sfid ?? null,
    });
    sfids.set(name, row.sfid);
    return row;
  };
  const failing = async (name: string, ownerid: string, account: StoredAccount) => {
    const row = await contact(name, ownerid, account);
    await updateAsApp(t.db, row.id, { email: `${name.replace(' ', '.')}@invalid.example` });
  };
  const sfidOf = (name: string) => sfids.get(name) ?? '';

  beforeAll(async () => {
    t = await startSalesforceTestApp({ env: { CONTACT_VISIBILITY: 'owner' } });
    vireo = await insertAccount(t.db, { name: 'Vireo Ltd', ownerid: VIEWER_ID });
    egret = await insertAccount(t.db, { name: 'Egret Inc', ownerid: EDITOR_ID });
    emulator = await installEmulator(t.db, t.url);
    await contact('Vera Heron', VIEWER_ID, vireo);
    await contact('Victor Lark', VIEWER_ID, vireo);
    await contact('Eddie Heron', EDITOR_ID, egret);
    await contact('Edith Crossed', EDITOR_ID, vireo);
    await failing('Val Failing', VIEWER_ID, vireo);
    await failing('Ed Failing', EDITOR_ID, egret);
    await failing('Em Failing', EDITOR_ID, egret);
    await emulator.processOnce();
    [viewer, editor, admin] = [t.browser(), t.browser(), t.browser()];
    await t.signInAs(viewer, 'viewer');
    await t.signInAs(editor, 'editor');
    await t.signInAs(admin, 'admin');
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  /** Every contact name `user` is shown across the pages that list contacts. */
  async function namesOnEveryPage(user: TestAgent, account: StoredAccount) {
    const pages = {
      list: await user.get('/contacts'),
      search: await user.get('/contacts?q=heron'),
      failedFilter: await user.get('/contacts?sync=failed'),
      accountFilter: await user.get(`/contacts?account=${account.sfid ?? ''}`),
      accountPage: await user.get(`/accounts/${account.sfid ?? ''}`),
      failedWrites: await user.get('/sync/failed'),
      accounts: await user.get('/accounts'),
    };
    for (const [name, res] of Object.entries(pages)) {
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
    }
    const mentioned = (html: string) =>
      [...VIEWERS, ...EDITORS].filter((name) => readAsText(html).includes(name));
    return {
      list: listedNames(pages.list.text),
      search: listedNames(pages.search.text),
      failedFilter: listedNames(pages.failedFilter.text),
      header: /(\d+) failed</.exec(pages.list.text)?.[1],
      accountFilter: listedNames(pages.accountFilter.text),
      accountPage: mentioned(pages.accountPage.text),
      failedWrites: mentioned(pages.failedWrites.text),
      accounts: accountRowsIn(pages.accounts.text).map((row) => row[0]),
    };
  }

  test('when the viewer and the editor open every page, then each sees only their own contacts and accounts, and no one else’s', async () => {
    const seen = {
      viewer: await namesOnEveryPage(viewer, vireo),
      editor: await namesOnEveryPage(editor, egret),
    };

    expect(seen.viewer).toEqual({
      list: VIEWERS,
      search: ['Vera Heron'],
      failedFilter: ['Val Failing'],
      header: '1',
      accountFilter: VIEWERS,
      accountPage: VIEWERS,
      failedWrites: ['Val Failing'],
      accounts: ['Vireo Ltd'],
    });
    expect(seen.editor).toEqual({
      list: EDITORS,
      search: ['Eddie Heron'],
      failedFilter: ['Ed Failing', 'Em Failing'],
      header: '2',
      accountFilter: ['Ed Failing', 'Em Failing', 'Eddie Heron'],
      accountPage: ['Ed Failing', 'Em Failing', 'Eddie Heron'],
      failedWrites: ['Ed Failing', 'Em Failing'],
      accounts: ['Egret Inc'],
    });
    expect(seen.viewer.list.filter((name) => seen.editor.list.includes(name))).toEqual([]);
  });

  test('when the admin opens the list and the failed writes, then every owner’s contacts are there', async () => {
    const list = await admin.get('/contacts');
    const failed = await admin.get('/sync/failed');
    const accounts = await admin.get('/accounts');

    expect(listedNames(list.text).sort()).toEqual([...VIEWERS, ...EDITORS].sort());
    const failing = ['Val Failing', 'Ed Failing', 'Em Failing'];
    expect(failing.filter((name) => readAsText(failed.text).includes(name))).toEqual(failing);
    expect(accountRowsIn(accounts.text).map((row) => row[0])).toEqual(['Egret Inc', 'Vireo Ltd']);
  });

  test('when the viewer or the editor asks for the audit trail or its CSV, then it stays the admins’, who see every record', async () => {
    const answers = [
      (await viewer.get('/audit')).status,
      (await editor.get('/audit.csv')).status,
      (await admin.get('/audit')).status,
    ];

    expect(answers).toEqual([403, 403, 200]);
  });

  test('when the viewer opens their own card and vCard, then both are there', async () => {
    const card = await viewer.get(`/contacts/${sfidOf('Vera Heron')}`);
    const vcard = await viewer.get(`/contacts/${sfidOf('Vera Heron')}/vcard`);

    expect(card.status).toBe(200);
    expect(vcard.status).toBe(200);
    expect(vcard.text).toContain('FN:Vera Heron');
  });

  test('when the editor forges requests for the viewer’s contact and account, then each answers 404 and nothing changes', async () => {
    const key = sfidOf('Val Failing');
    const csrf = csrfTokenIn((await editor.get('/contacts')).text);
    const [entry] = await entriesIn(t.db, '_trigger_log', Number(await rowIdOf(key)));
    const before = await rowsNow();

    const answers = {
      card: (await editor.get(`/contacts/${key}`)).status,
      vcard: (await editor.get(`/contacts/${key}/vcard`)).status,
      confirmDelete: (await editor.get(`/contacts/${key}/delete`)).status,
      edit: (
        await editor
          .post(`/contacts/${key}`)
          .type('form')
          .send({ _csrf: csrf, lastname: 'Hijacked', email: 'val@example.com' })
      ).status,
      delete: (await editor.post(`/contacts/${key}/delete`).type('form').send({ _csrf: csrf }))
        .status,
      retry: (
        await editor
          .post('/sync/retry')
          .type('form')
          .send({ _csrf: csrf, source: 'live', id: String(entry?.id) })
      ).status,
      account: (await editor.get(`/accounts/${vireo.sfid ?? ''}`)).status,
      accountEdit: (
        await editor
          .post(`/accounts/${vireo.sfid ?? ''}`)
          .type('form')
          .send({ _csrf: csrf, name: 'Hijacked Ltd' })
      ).status,
      accountFilter: (await editor.get(`/contacts?account=${vireo.sfid ?? ''}`)).status,
    };

    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 404])));
    expect(await rowsNow()).toEqual(before);
  });

  test('when one user’s requests go to two instances of the app on the same database, then both show the same contacts', async () => {
    const second = request.agent(
      createApp({ db: t.db, config: t.config, logger: createLogger('silent') }),
    );
    for (const cookie of viewer.jar.getCookies(CookieAccessInfo.All)) {
      second.jar.setCookie(`${cookie.name}=${cookie.value}; Path=/`);
    }

    const [onFirst, onSecond] = [await viewer.get('/contacts'), await second.get('/contacts')];

    expect(onSecond.status).toBe(200);
    expect(listedNames(onSecond.text)).toEqual(listedNames(onFirst.text));
    expect(listedNames(onSecond.text)).toEqual(VIEWERS);
  });

  async function rowIdOf(sfid: string) {
    const result = await t.db.query<{ id: number }>(
      'SELECT id FROM salesforce.contact WHERE sfid = $1',
      [sfid],
    );
    return result.rows[0]?.id;
  }

  /** Everything a forged request could change: the rows, the trigger log and the audit trail. */
  async function rowsNow() {
    const snapshot = await t.db.query(
      `SELECT (SELECT json_agg(c ORDER BY id) FROM salesforce.contact c) AS contacts,
              (SELECT json_agg(a ORDER BY id) FROM salesforce.account a) AS accounts,
              (SELECT json_agg(l ORDER BY id) FROM salesforce._trigger_log l) AS log,
              (SELECT count(*) FROM contact_card.audit_entries) AS audit`,
    );
    return snapshot.rows[0] as unknown;
  }
});
