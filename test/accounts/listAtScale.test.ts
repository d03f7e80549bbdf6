import { listAccounts } from '../../src/accounts/list/listAccounts';
import { parseAccountListQuery } from '../../src/accounts/list/params';
import { accountMapping } from '../../src/accounts/accountTable';
import { readMapping } from '../../src/connect/mapping';
import { cappedCounts } from '../../src/db/cappedCounts';
import { listedNames, matchCountIn } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';

describe('the account list past the count cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // More than 10,000 accounts share the word, so a search for it is a "10,000+" search.
    await t.db.query(
      `INSERT INTO salesforce.account (sfid, name, _hc_lastop)
       SELECT '001SCALE' || lpad(n::text, 10, '0'), 'Traders ' || lpad(n::text, 5, '0'), 'SYNCED'
         FROM generate_series(1, 10050) AS n`,
    );
    // And more than 10,000 whose names sort after thousands of others.
    await t.db.query(
      `INSERT INTO salesforce.account (sfid, name, _hc_lastop)
       SELECT '001LATE' || lpad(n::text, 11, '0'),
              CASE WHEN n <= 2100 THEN 'Aardvark ' ELSE 'Zebra ' END || lpad(n::text, 5, '0'),
              'SYNCED'
         FROM generate_series(1, 12150) AS n`,
    );
    await t.db.query('ANALYZE salesforce.account');
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a common name is searched, then the first page shows the first matches and the count says 10,000+', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/accounts?q=traders');

    expect(matchCountIn(res.text)).toBe('10,000+ accounts matching “traders” · Show all');
    expect(listedNames(res.text)).toHaveLength(25);
    expect(listedNames(res.text)[0]).toBe('Traders 00001');
  });

  test('when a common search’s matches lie far down the sort order, then its first page still shows the first of them', async () => {
    const agent = await t.signedInAgent();

    const first = await agent.get('/accounts?q=zebra');
    const again = await agent.get('/accounts?q=zebra');

    expect(matchCountIn(first.text)).toBe('10,000+ accounts matching “zebra” · Show all');
    expect(listedNames(first.text)[0]).toBe('Zebra 02101');
    expect(listedNames(again.text)).toEqual(listedNames(first.text));
  });

  test('when the same common search comes again, then its matches are not collected again and the page is the same', async () => {
    const mapping = accountMapping(await readMapping(t.db, 'salesforce'));
    const query = parseAccountListQuery({ q: 'traders', page: '2' });
    const counts = cappedCounts();
    let statements = 0;
    const counting = {
      ...t.db,
      query: ((text: string, params?: unknown[]) => {
        statements += 1;
        return t.db.query(text, params);
      }) as typeof t.db.query,
    };

    const first = await listAccounts(counting, counts, mapping, query, null);
    const afterFirst = statements;
    const second = await listAccounts(counting, counts, mapping, query, null);

    // The second skips only the statement that collects and counts the matches.
    expect(statements - afterFirst).toBe(afterFirst - 1);
    expect(second).toEqual(first);
    expect(second.totalIsCapped).toBe(true);
    expect(second.accounts[0]?.name).toBe('Traders 00026');
  });
});
