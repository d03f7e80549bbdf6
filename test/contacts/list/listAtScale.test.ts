import { cappedCounts } from '../../../src/db/cappedCounts';
import { listedNames, matchCountIn } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';

const names = (prefix: string, from: number, count: number, lastname: string) =>
  Array.from(
    { length: count },
    (_, i) => `${prefix}${String(from + i).padStart(5, '0')} ${lastname}`,
  );

describe('the contact list past the count cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // More than 10,000 of each, so both searches below are "10,000+" searches.
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, _hc_lastop)
       SELECT '003' || $1::text || lpad(n::text, 11, '0'), $2::text || lpad(n::text, 5, '0'), $3::text, 'SYNCED'
         FROM generate_series(1, $4::int) AS n`,
      ['ABLE', 'A', 'Able', 12_000],
    );
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, _hc_lastop)
       SELECT '003' || $1::text || lpad(n::text, 11, '0'), $2::text || lpad(n::text, 5, '0'), $3::text, 'SYNCED'
         FROM generate_series(1, $4::int) AS n`,
      ['ZULU', 'Z', 'Zulu', 10_500],
    );
    await t.db.query('ANALYZE salesforce.contact');
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a common search matches rows far down the sort order, then its first page shows the first of them', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?q=zulu');

    expect(matchCountIn(res.text)).toBe('10,000+ contacts matching “zulu” · Show all');
    expect(listedNames(res.text)).toEqual(names('Z', 1, 25, 'Zulu'));
  });

  test('when a common search matches rows near the top of the sort order, then a later page continues in order', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?q=able&page=3');

    expect(listedNames(res.text)).toEqual(names('A', 51, 25, 'Able'));
  });

  test('when the sort is reversed, then the end of the list comes first', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?q=able&dir=desc&perPage=50');

    expect(listedNames(res.text)).toEqual(names('A', 11_951, 50, 'Able').reverse());
  });

  test('when a page lies past the first 10,000 rows, then it lists nothing, says why and keeps the count', async () => {
    const agent = await t.signedInAgent();

    const last = await agent.get('/contacts?page=400');
    const past = await agent.get('/contacts?page=401');

    expect(listedNames(last.text)).toEqual(names('A', 9_976, 25, 'Able'));
    expect(last.text).not.toContain('Next');
    expect(listedNames(past.text)).toEqual([]);
    expect(past.text).toContain('Paging stops after the first 10,000 contacts.');
    expect(matchCountIn(past.text)).toBe('10,000+ contacts');
  });
});

describe('remembering capped counts', () => {
  test('when 30 seconds have passed, then a capped count is counted again', () => {
    let now = 0;
    const counts = cappedCounts(() => now);
    counts.remember('everyone');

    now = 29_999;
    const soon = counts.isCapped('everyone');
    now = 30_000;
    const later = counts.isCapped('everyone');

    expect([soon, later, counts.isCapped('someone else')]).toEqual([true, false, false]);
  });
});
