import { insertAccount } from '../../support/accounts';
import { insertContact } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';

/** The header's quick links, as their text reads: "2 failed", "3 pending", "1 failed account". */
function syncCountsIn(html: string): string[] {
  const summary = /<p class="sync-summary">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="[^"]*" class="badge [^"]*">([^<]*)<\/a>/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('the list header’s sync counts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (const lastname of ['Failone', 'Failtwo']) {
      await insertContact(t.db, { lastname, _hc_lastop: 'FAILED' });
    }
    for (const lastname of ['Pendone', 'Pendtwo', 'Pendthree']) {
      await insertContact(t.db, { lastname, _hc_lastop: 'PENDING' });
    }
    await insertContact(t.db, { lastname: 'Synced' });
    await insertAccount(t.db, { _hc_lastop: 'FAILED' });
    await insertAccount(t.db, { sfid: null, _hc_lastop: 'PENDING' });
    await insertAccount(t.db, { sfid: null, _hc_lastop: 'PENDING' });
    await insertAccount(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the list, a search, a search without matches or a page past the end is shown, then each header counts every failed and pending row', async () => {
    const agent = await t.signedInAgent();

    const pages = await Promise.all(
      [
        '/contacts',
        '/contacts?q=Pendtwo',
        '/contacts?q=nobody-is-called-this',
        '/contacts?page=999',
      ].map((path) => agent.get(path)),
    );

    expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200]);
    expect(pages.map((page) => syncCountsIn(page.text))).toEqual(
      Array(4).fill(['2 failed', '3 pending', '1 failed account', '2 pending accounts']),
    );
  });

  test('when a write fails meanwhile, then the next page counts it', async () => {
    const agent = await t.signedInAgent();
    const before = await agent.get('/contacts');

    await insertContact(t.db, { lastname: 'Failthree', _hc_lastop: 'FAILED' });
    const after = await agent.get('/contacts');

    expect(syncCountsIn(before.text).slice(0, 2)).toEqual(['2 failed', '3 pending']);
    expect(syncCountsIn(after.text).slice(0, 2)).toEqual(['3 failed', '3 pending']);
  });
});
