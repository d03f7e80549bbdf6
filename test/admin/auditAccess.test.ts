import { AUDIT_TABLE } from '../../src/audit/auditTable';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { insertEntries } from './auditEntries';

describe('who may read the audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await insertEntries(t.db, [{ requestId: 'secret-entry', detail: 'only admins see this' }]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function refusalsOf(userId: string): Promise<string[]> {
    const result = await t.db.query<{ detail: string }>(
      `SELECT detail FROM ${AUDIT_TABLE} WHERE action = 'refused' AND user_id = $1 ORDER BY id`,
      [userId],
    );
    return result.rows.map((row) => row.detail);
  }

  test.each([
    ['an editor', '/audit', TEST_USERS.editor],
    ['an editor', '/audit.csv', TEST_USERS.editor],
    ['a viewer', '/audit?action=edit', TEST_USERS.viewer],
    ['a viewer', '/audit.csv?action=edit', TEST_USERS.viewer],
  ])(
    'when %s asks for %s, then it is refused with 403 and the refusal is recorded',
    async (_, url, user) => {
      const before = await refusalsOf(user.id);

      const res = await t.agentSignedInAs(user).get(url);

      expect(res.status).toBe(403);
      expect(res.text).toContain('it needs the admin role');
      expect(res.text).not.toContain('only admins see this');
      const after = await refusalsOf(user.id);
      expect(after.slice(before.length)).toEqual([
        `GET ${url} needs the admin role; \u2068${user.name}\u2069 is ${user.role === 'viewer' ? 'a' : 'an'} ${user.role}`,
      ]);
    },
  );

  test.each(['/audit', '/audit.csv?user=x'])(
    'when nobody is signed in and %s is asked for, then the browser is sent to sign in and back',
    async (url) => {
      const res = await t.agent().get(url);

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/signin?next=${encodeURIComponent(url)}`);
    },
  );

  test('when nobody is signed in, then an address next to the audit page is still not found, not guarded', async () => {
    const res = await t.agent().get('/auditing');

    expect(res.status).toBe(404);
  });

  test('when an admin asks, then both the page and the download answer', async () => {
    const agent = t.agentSignedInAs(TEST_USERS.admin);

    const [page, csv] = await Promise.all([agent.get('/audit'), agent.get('/audit.csv')]);

    expect(page.status).toBe(200);
    expect(page.text).toContain('only admins see this');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('only admins see this');
  });
});
