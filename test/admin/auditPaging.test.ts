import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { insertEntries, listedRequestIds, olderHref, type EntrySeed } from './auditEntries';

const numbered = (prefix: string, count: number, seed: Omit<EntrySeed, 'requestId'> = {}) =>
  Array.from({ length: count }, (_, i) => ({ ...seed, requestId: `${prefix}-${i}` }));

describe('paging through the audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Follows "Older entries" from `start` to the end, writing one more entry after each page. */
  async function walk(start: string, newEntry: (page: number) => EntrySeed) {
    const agent = t.agentSignedInAs(TEST_USERS.admin);
    const pages: string[][] = [];
    for (let href: string | null = start; href !== null;) {
      const res = await agent.get(href);
      expect(res.status).toBe(200);
      pages.push(listedRequestIds(res.text));
      await insertEntries(t.db, [newEntry(pages.length)]);
      href = olderHref(res.text);
    }
    return pages;
  }

  test('when entries are written while an admin pages back, then every older entry is shown once, in order', async () => {
    const older = numbered('old', 120);
    await insertEntries(t.db, older);

    const pages = await walk('/audit', (page) => ({ requestId: `new-${page}` }));

    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(older.map((entry) => entry.requestId).reverse());
  });

  test('when filtered, then each older page keeps the filter and the walk has no gaps', async () => {
    const interleaved = numbered('mixed', 130).map((entry, i) => ({
      ...entry,
      action: i % 2 === 0 ? ('sign_in' as const) : ('sign_out' as const),
    }));
    await insertEntries(t.db, interleaved);

    const pages = await walk('/audit?action=sign_in', (page) => ({
      requestId: `new-sign-in-${page}`,
      action: 'sign_in',
    }));

    expect(pages.map((page) => page.length)).toEqual([50, 15]);
    expect(pages.flat()).toEqual(
      interleaved
        .filter((entry) => entry.action === 'sign_in')
        .map((entry) => entry.requestId)
        .reverse(),
    );
  });

  test('when a user filter matches both the id and the username of an entry, then the entry is listed once', async () => {
    const shared = numbered('shared', 60, { userId: 'shared', username: 'shared' });
    await insertEntries(t.db, shared);

    const pages = await walk('/audit?user=shared', (page) => ({ requestId: `other-${page}` }));

    expect(pages.map((page) => page.length)).toEqual([50, 10]);
    expect(pages.flat()).toEqual(shared.map((entry) => entry.requestId).reverse());
  });
});
