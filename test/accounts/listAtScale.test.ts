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

    const first = await listAccounts(counting, counts, mapping, query);
    const afterFirst = statements;
    const second = await listAccounts(counting, counts, mapping, query);

    expect(afterFirst).toBe(2);
    expect(statements - afterFirst).toBe(1);
    expect(second).toEqual(first);
    expect(second.totalIsCapped).toBe(true);
    expect(second.accounts[0]?.name).toBe('Traders 00026');
  });
});
