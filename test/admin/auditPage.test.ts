import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { insertEntries, listedRequestIds, type EntrySeed } from './auditEntries';

const TITLE_CHANGE = { field: 'title', label: 'Title', from: 'Engineer', to: 'Manager' };

/** In id order. r6's transaction began a second before midnight and wrote after r5's did. */
const ENTRIES: EntrySeed[] = [
  { requestId: 'r1', at: '2025-03-06T23:59:59.999Z', action: 'sign_in' },
  {
    requestId: 'r2',
    at: '2025-03-07T00:00:00Z',
    action: 'create',
    contactKey: 'X-1',
    externalId: 'X-1',
  },
  {
    requestId: 'r3',
    at: '2025-03-07T12:00:00Z',
    userId: 'U-BOB',
    username: 'bob@example.com',
    userName: 'Bob <b>Builder</b>',
    contactKey: '003A',
    sfid: '003A',
    externalId: 'X-1',
    changes: [TITLE_CHANGE],
  },
  {
    requestId: 'r4',
    at: '2025-03-07T18:00:00Z',
    action: 'refused',
    userId: 'U-BOB',
    username: 'bob@example.com',
    detail: 'POST /contacts needs the editor role',
  },
  {
    requestId: 'r5',
    at: '2025-03-08T00:00:00Z',
    action: 'delete',
    contactKey: '003A',
    sfid: '003A',
  },
  { requestId: 'r6', at: '2025-03-07T23:59:59Z', action: 'sign_out' },
  { requestId: 'r7', at: '2025-03-09T10:00:00Z', contactKey: '003B', sfid: '003B' },
];

describe('the audit page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await insertEntries(t.db, ENTRIES);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string) => t.agentSignedInAs(TEST_USERS.admin).get(url);

  test('when an admin opens it, then every entry is listed newest first with who, what and which contact', async () => {
    const res = await get('/audit');

    expect(res.status).toBe(200);
    expect(listedRequestIds(res.text)).toEqual(['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
    expect(res.text).toContain(
      '<time datetime="2025-03-07T12:00:00.000Z">2025-03-07 12:00:00 UTC</time>',
    );
    expect(res.text).toContain('<bdi>Bob &lt;b&gt;Builder&lt;/b&gt;</bdi>');
    expect(res.text).toContain('<a href="/contacts/003A"><bdi>003A</bdi></a>');
    expect(res.text).toMatch(
      /<bdi>Title<\/bdi>: <q><bdi>Engineer<\/bdi><\/q> .*<q><bdi>Manager<\/bdi><\/q>/,
    );
    expect(res.text).toContain('<bdi>POST /contacts needs the editor role</bdi>');
    expect(res.text).toContain('<td data-label="Action">Signed out</td>');
    expect(res.text).not.toContain('Older entries');
  });

  test('when an admin in Tokyo filters one day, then the times are in Tokyo and the day is still a UTC day, as in the CSV', async () => {
    const inTokyo = { ...TEST_USERS.admin, timeZone: 'Asia/Tokyo' };

    const res = await t.agentSignedInAs(inTokyo).get('/audit?from=2025-03-07&to=2025-03-07');

    expect(listedRequestIds(res.text)).toEqual(['r6', 'r4', 'r3', 'r2']);
    expect(res.text).toContain(
      '<time datetime="2025-03-07T23:59:59.000Z">2025-03-08 08:59:59 Asia/Tokyo</time>',
    );
    expect(res.text).toContain(
      'Times are in Asia/Tokyo. The From and To dates are whole days in UTC',
    );
  });

  test.each([
    ['a user id', 'user=U-BOB', ['r4', 'r3']],
    ['a username', 'user=bob%40example.com', ['r4', 'r3']],
    ['a user’s name, which is not a filter', 'user=Bob', []],
    ['an External ID, before and after the contact had an sfid', 'contact=X-1', ['r3', 'r2']],
    ['an sfid', 'contact=003A', ['r5', 'r3']],
    ['an action', 'action=edit', ['r7', 'r3']],
    ['one UTC day, both ends included', 'from=2025-03-07&to=2025-03-07', ['r6', 'r4', 'r3', 'r2']],
    ['a first day only', 'from=2025-03-08', ['r7', 'r5']],
    ['a last day only', 'to=2025-03-06', ['r1']],
    [
      'the widest days allowed',
      'from=1970-01-01&to=9999-12-31',
      ['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1'],
    ],
    ['a contact and an action', 'contact=X-1&action=create', ['r2']],
    [
      'every filter at once',
      'user=bob%40example.com&contact=003A&action=edit&from=2025-03-07&to=2025-03-07',
      ['r3'],
    ],
  ])('when filtered by %s, then only the entries that match are listed', async (_, query, ids) => {
    const res = await get(`/audit?${query}`);

    expect(res.status).toBe(200);
    expect(listedRequestIds(res.text)).toEqual(ids);
  });

  test('when nothing matches, then the page says so and offers every entry', async () => {
    const res = await get('/audit?action=retry');

    expect(res.status).toBe(200);
    expect(res.text).toContain(
      'No entries match these filters. <a href="/audit">Show all entries</a>',
    );
  });

  test('when filtered, then the form shows the filters and the download keeps them', async () => {
    const res = await get('/audit?user=U-BOB&action=refused&from=2025-03-01');

    expect(res.text).toContain('name="user" type="text" value="U-BOB"');
    expect(res.text).toContain('<option value="refused" selected>Refused</option>');
    expect(res.text).toContain('name="from" type="date" value="2025-03-01"');
    expect(res.text).toContain(
      'href="/audit.csv?user=U-BOB&amp;action=refused&amp;from=2025-03-01"',
    );
  });

  test.each([
    ['an unknown action', 'action=drop_table', 'action', 'Choose an action from the list.'],
    ['a malformed date', 'from=7%2F3%2F2025', 'from', 'Enter a date as YYYY-MM-DD'],
    ['a day that does not exist', 'to=2025-02-30', 'to', 'Enter a date as YYYY-MM-DD'],
    [
      'a first day after the last',
      'from=2025-03-09&to=2025-03-08',
      'to',
      'The last day is before the first day.',
    ],
    [
      'over-long text',
      `user=${'u'.repeat(101)}`,
      'user',
      'A username or user id is at most 100 characters.',
    ],
    ['a control character', 'contact=003%00A', 'contact', 'Control characters are not allowed'],
  ])(
    'when the filters hold %s, then the form answers 400 and names the field',
    async (_, query, field, message) => {
      const res = await get(`/audit?${query}`);

      expect(res.status).toBe(400);
      expect(res.text).toContain(`<a href="#filter-${field}">${message}`);
      expect(res.text).toMatch(new RegExp(`id="filter-${field}"[^>]* aria-invalid="true"`));
      expect(listedRequestIds(res.text)).toEqual([]);
      expect(res.text).not.toContain('Download CSV');
    },
  );

  test.each(['0', '-5', 'abc', '1e3', '99999999999999999999'])(
    'when an older-entries link is broken (before=%s), then the page answers 400 and links the newest entries',
    async (before) => {
      const res = await get(`/audit?before=${before}`);

      expect(res.status).toBe(400);
      expect(res.text).toContain('This link to older entries is broken.');
      expect(res.text).toContain('<a href="/audit">Newest entries</a>');
    },
  );
});
