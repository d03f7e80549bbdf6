import { insertContact, listedKeys, listedNames, matchCountIn } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';

describe('ordering and counting the contact list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Each column orders these four people differently, so a wrong sort column shows.
    await insertContact(t.db, {
      firstname: 'Bea',
      lastname: 'Carter',
      title: 'Designer',
      email: 'd@sort.example',
      phone: '+1 555 0003',
      _hc_lastop: 'SYNCED',
    });
    await insertContact(t.db, {
      firstname: 'Abe',
      lastname: 'Dalton',
      title: 'Architect',
      email: 'c@sort.example',
      phone: '+1 555 0004',
      _hc_lastop: 'FAILED',
    });
    await insertContact(t.db, {
      firstname: 'Cal',
      lastname: 'Abbott',
      title: 'Clerk',
      email: 'b@sort.example',
      phone: '+1 555 0001',
      _hc_lastop: 'UPDATED',
    });
    await insertContact(t.db, {
      firstname: 'Ada',
      lastname: 'Abbott',
      title: 'Buyer',
      email: 'a@sort.example',
      phone: '+1 555 0002',
      _hc_lastop: 'PENDING',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const ascending = {
    name: ['Ada Abbott', 'Cal Abbott', 'Bea Carter', 'Abe Dalton'],
    title: ['Abe Dalton', 'Ada Abbott', 'Cal Abbott', 'Bea Carter'],
    email: ['Ada Abbott', 'Cal Abbott', 'Abe Dalton', 'Bea Carter'],
    phone: ['Cal Abbott', 'Ada Abbott', 'Bea Carter', 'Abe Dalton'],
    sync: ['Abe Dalton', 'Ada Abbott', 'Bea Carter', 'Cal Abbott'],
  };

  test.each(Object.entries(ascending))(
    'when sorted by %s ascending, then the rows come in that order',
    async (sort, expected) => {
      const agent = await t.signedInAgent();

      const res = await agent.get('/contacts').query({ q: 'sort.example', sort, dir: 'asc' });

      expect(res.status).toBe(200);
      expect(listedNames(res.text)).toEqual(expected);
    },
  );

  test.each(Object.entries(ascending))(
    'when sorted by %s descending, then the rows come in the reverse order',
    async (sort, expected) => {
      const agent = await t.signedInAgent();

      const res = await agent.get('/contacts').query({ q: 'sort.example', sort, dir: 'desc' });

      expect(res.status).toBe(200);
      expect(listedNames(res.text)).toEqual([...expected].reverse());
    },
  );

  test('when sorted by a column, then its header says so and links to the other direction', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?sort=email&dir=asc');

    expect(res.text).toMatch(
      /<th scope="col" aria-sort="ascending"><a href="\/contacts\?sort=email&amp;dir=desc">Email/,
    );
    expect(res.text).toContain('aria-sort="none"><a href="/contacts?sort=title">Title');
  });

  test('when a contact has no title, then it comes after titled contacts in both directions', async () => {
    await insertContact(t.db, {
      firstname: 'No',
      lastname: 'Title',
      title: null,
      email: 'z@untitled.example',
    });
    await insertContact(t.db, {
      firstname: 'Has',
      lastname: 'Title',
      title: 'Agent',
      email: 'y@untitled.example',
    });
    const agent = await t.signedInAgent();

    const up = await agent.get('/contacts?q=untitled&sort=title&dir=asc');
    const down = await agent.get('/contacts?q=untitled&sort=title&dir=desc');

    expect(listedNames(up.text)).toEqual(['Has Title', 'No Title']);
    expect(listedNames(down.text)).toEqual(['Has Title', 'No Title']);
  });

  describe('the number of matches', () => {
    const addMany = (count: number, lastname: string) =>
      t.db.query(
        `INSERT INTO salesforce.contact (sfid, lastname, _hc_lastop)
       SELECT '003' || $2::text || lpad(n::text, 9, '0'), $2::text, 'SYNCED'
         FROM generate_series(1, $1::int) AS n`,
        [count, lastname],
      );

    test('when exactly one contact matches, then the count says "1 contact"', async () => {
      await insertContact(t.db, { firstname: 'Solo', lastname: 'Unique' });
      const agent = await t.signedInAgent();

      const res = await agent.get('/contacts?q=Unique');

      expect(matchCountIn(res.text)).toBe('1 contact matching “Unique” · Show all');
    });

    test('when thousands match, then the count is written with a thousands separator', async () => {
      await addMany(1234, 'Grp');
      const agent = await t.signedInAgent();

      const res = await agent.get('/contacts?q=Grp');

      expect(matchCountIn(res.text)).toBe('1,234 contacts matching “Grp” · Show all');
      expect(res.text).toContain('Page 1 of 50');
    });

    test('when more than 10,000 match, then the count says 10,000+ and paging still offers a next page', async () => {
      await addMany(10_001, 'Big');
      const agent = await t.signedInAgent();

      const res = await agent.get('/contacts?q=Big');

      expect(matchCountIn(res.text)).toBe('10,000+ contacts matching “Big” · Show all');
      expect(res.text).toContain('rel="next"');
    });
  });
});

describe('paging through the contact list', () => {
  const TOTAL = 130;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Everyone shares one name, so only the tie-breaker keeps pages from overlapping.
    await t.db.query(
      `INSERT INTO salesforce.contact (sfid, firstname, lastname, email, _hc_lastop)
       SELECT '003PAGE' || lpad(n::text, 8, '0') || 'AAA', 'Sam', 'Same', 'sam' || n || '@page.example', 'SYNCED'
         FROM generate_series(1, $1::int) AS n`,
      [TOTAL],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  test('when no page size is chosen, then 25 rows are shown with the total count', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts');

    expect(listedKeys(res.text)).toHaveLength(25);
    expect(matchCountIn(res.text)).toBe('130 contacts');
    expect(res.text).toContain('Page 1 of 6');
  });

  test.each([25, 50, 100])(
    'when %i per page is chosen, then that many rows are shown',
    async (perPage) => {
      const agent = await t.signedInAgent();

      const res = await agent.get('/contacts').query({ perPage });

      expect(listedKeys(res.text)).toHaveLength(perPage);
      expect(res.text).toContain(`<option value="${perPage}" selected>`);
    },
  );

  test('when page 2 is opened, then it shows the rows that follow page 1 with no overlap', async () => {
    const agent = await t.signedInAgent();

    const wide = listedKeys((await agent.get('/contacts?perPage=100')).text);
    const page1 = listedKeys((await agent.get('/contacts?perPage=25')).text);
    const page2 = await agent.get('/contacts?perPage=25&page=2');

    expect(page1).toEqual(wide.slice(0, 25));
    expect(listedKeys(page2.text)).toEqual(wide.slice(25, 50));
    expect(page2.text).toContain('href="/contacts" rel="prev"');
    expect(page2.text).toContain('href="/contacts?page=3" rel="next"');
  });

  test('when every page is walked with equal sort values, then each contact appears exactly once', async () => {
    const agent = await t.signedInAgent();
    const seen: string[] = [];

    for (let page = 1; page <= 6; page += 1) {
      seen.push(...listedKeys((await agent.get(`/contacts?page=${page}`)).text));
    }

    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
  });

  test('when the same page is loaded twice, then the order is the same', async () => {
    const agent = await t.signedInAgent();

    const first = listedKeys((await agent.get('/contacts?page=3&sort=name&dir=desc')).text);
    const second = listedKeys((await agent.get('/contacts?page=3&sort=name&dir=desc')).text);

    expect(first).toHaveLength(25);
    expect(second).toEqual(first);
  });

  test('when the last page is opened, then it holds the remainder and has no next link', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?page=6');

    expect(listedKeys(res.text)).toHaveLength(5);
    expect(res.text).not.toContain('rel="next"');
  });

  test('when a page past the end is opened, then it says so and links to the first page', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts?page=9');

    expect(res.status).toBe(200);
    expect(listedKeys(res.text)).toEqual([]);
    expect(res.text).toContain('There are no contacts on this page.');
    expect(res.text).toContain('<a href="/contacts">Go to the first page</a>');
  });
});
