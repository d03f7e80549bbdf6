import { cappedCounts } from '../../../src/db/cappedCounts';
import { ensureListIndexes } from '../../../src/contacts/list/indexes';
import { listContacts } from '../../../src/contacts/list/listContacts';
import { parseListQuery, ROW_CAP } from '../../../src/contacts/list/params';
import { likePattern } from '../../../src/db/likePattern';
import { isShortTerm, orderBy, searchDocument } from '../../../src/contacts/list/sql';
import { readMapping, type Mapping } from '../../../src/connect/mapping';
import { insertContact } from '../../support/contacts';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabase';

const quiet = () => undefined;

// "qx" starts at an even offset of one search document and an odd one of another; other pairs
// sit across a space, a dot or an @, so every way of cutting a text into pairs shows.
const PEOPLE = [
  ['Quinn', 'Abbot', 'qx@one.example', '+1 555 0101', 'Head of QA'],
  ['Aqx', 'Xq', 'bo@xq.example', '+44 20 7946 0102', 'Buyer'],
  ['Zoë', 'Carter', 'zoe_carter@two.example', '+33 1 5555 0103', 'R&D 50% Lead'],
  ['Åsa', 'Dahl', 'asa.dahl@three.example', '+46 8 555 0104', 'C\\O'],
  ['Ed', 'Evans', 'ed@four.example', '+1 555 0105', 'CEO'],
] as const;

// Every one- and two-character piece of the people above, and some that none of them holds.
const TERMS = [
  ...new Set(
    PEOPLE.flatMap((fields) => {
      const characters = Array.from(fields.join(' ').toLowerCase());
      return characters.flatMap((c, i) => [c, c + (characters[i + 1] ?? '')]);
    }),
  ),
  'zq',
  'Q',
  'QX',
  'Ë',
].filter((term) => term.trim() === term && term !== '');

describe('searching for one or two characters through the release indexes', () => {
  let t: TestDatabase;
  let mapping: Mapping;
  beforeAll(async () => {
    t = await createTestDatabase();
    for (const [firstname, lastname, email, phone, title] of PEOPLE) {
      await insertContact(t.db, { firstname, lastname, email, phone, title });
    }
    await insertContact(t.db, { firstname: 'Gone', lastname: 'Qj', isdeleted: true });
    await insertContact(t.db, { firstname: 'Failed', lastname: 'Qk', _hc_lastop: 'FAILED' });
    // More than the count cap of contacts holding "zu", behind more rows in name order than a
    // capped search first looks among.
    const rows = (prefix: string, lastname: string, count: number) =>
      t.db.query(
        `INSERT INTO salesforce.contact (sfid, firstname, lastname, _hc_lastop)
         SELECT '003' || $1::text || lpad(n::text, 11, '0'), $1::text || lpad(n::text, 5, '0'),
                $2::text, 'SYNCED'
           FROM generate_series(1, $3::int) AS n`,
        [prefix, lastname, count],
      );
    await rows('F', 'Filler', 3_000);
    await rows('Z', 'Zzuz', 10_050);
    await ensureListIndexes(t.db, 'salesforce', quiet);
    mapping = await readMapping(t.db, 'salesforce');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const search = async (q: string, more: Record<string, string> = {}) => {
    const page = await listContacts(t.db, cappedCounts(), mapping, parseListQuery({ q, ...more }));
    return { names: page.contacts.map((c) => c.nameParts.join(' ')), total: page.total };
  };

  /** What the list showed before short terms had an index: the LIKE alone, in list order. */
  const likeAlone = async (q: string) => {
    const result = await t.db.query<{ name: string; total: number }>(
      `SELECT concat_ws(' ', firstname, lastname) AS name, count(*) OVER ()::int AS total
         FROM salesforce.contact
        WHERE isdeleted IS NOT TRUE AND ${searchDocument(mapping)} LIKE lower($1)
        ORDER BY ${orderBy(mapping, 'name', 'asc')} LIMIT 25`,
      [likePattern(q)],
    );
    return {
      names: result.rows.map((row) => row.name),
      total: Math.min(result.rows[0]?.total ?? 0, ROW_CAP),
    };
  };

  test('when any one- or two-character term is searched, then it lists what the LIKE alone lists', async () => {
    for (const term of TERMS) {
      expect({ term, ...(await search(term)) }).toEqual({ term, ...(await likeAlone(term)) });
    }
    expect(TERMS.length).toBeGreaterThan(100);
  });

  test('when the term is a letter few contacts hold, then exactly those are listed, in name order', async () => {
    expect(await search('q')).toEqual({ names: ['Quinn Abbot', 'Failed Qk', 'Aqx Xq'], total: 3 });
  });

  test('when the term is a pair at an odd offset in one contact and an even one in another, then both match', async () => {
    expect(await search('QX')).toEqual({ names: ['Quinn Abbot', 'Aqx Xq'], total: 2 });
  });

  test('when the term is a LIKE wildcard, then only contacts holding it literally match', async () => {
    expect(await search('%')).toEqual({ names: ['Zoë Carter'], total: 1 });
    expect(await search('_')).toEqual({ names: ['Zoë Carter'], total: 1 });
    expect(await search('\\')).toEqual({ names: ['Åsa Dahl'], total: 1 });
  });

  test('when the term is held only by a deleted contact, then nothing is listed', async () => {
    expect(await search('qj')).toEqual({ names: [], total: 0 });
  });

  test('when the sync filter narrows a short search, then only contacts in that state are listed', async () => {
    expect(await search('q', { sync: 'failed' })).toEqual({ names: ['Failed Qk'], total: 1 });
  });

  test('when a short term matches more than the count cap far down the order, then each page continues in order', async () => {
    const counts = cappedCounts();
    const query = parseListQuery({ q: 'zu', page: '2' });

    const first = await listContacts(t.db, counts, mapping, query);
    const again = await listContacts(t.db, counts, mapping, query);

    const expected = Array.from(
      { length: 25 },
      (_, i) => `Z${String(26 + i).padStart(5, '0')} Zzuz`,
    );
    for (const page of [first, again]) {
      expect(page.contacts.map((c) => c.nameParts.join(' '))).toEqual(expected);
      expect([page.total, page.totalIsCapped]).toEqual([10_000, true]);
    }
  });
});

describe('which search terms are short', () => {
  test.each([
    ['a', true],
    ['ab', true],
    ['Zë', true],
    ['abc', false],
    // Lower-casing makes four characters of these two.
    ['İİ', false],
    ['a\u001e', false],
  ])('when the term is %j, then isShortTerm says %s', (term, short) => {
    expect(isShortTerm(term)).toBe(short);
  });
});
