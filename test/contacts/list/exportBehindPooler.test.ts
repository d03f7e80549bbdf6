import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { readMapping } from '../../../src/connect/mapping';
import { writeContactsCsv } from '../../../src/contacts/list/exportCsv';
import { parseListQuery } from '../../../src/contacts/list/params';
import { NOT_NARROWED } from '../../../src/contacts/list/sql';
import { createDatabase, type Database } from '../../../src/db/database';
import { createLogger } from '../../../src/logger';
import { databaseUrl } from '../../support/databaseNames';
import { FullSink } from '../../support/fullSink';
import { pgbouncerBinary, startPgbouncer, type Pgbouncer } from '../../support/pgbouncer';
import { startTestApp, type TestApp } from '../../support/testApp';

// A page's timeout, so short that a client slower than it would lose the export without its own.
const STATEMENT_TIMEOUT_MS = 100;
const ROWS = 2500;

const binary = pgbouncerBinary();
const describeWithPgbouncer = binary ? describe : describe.skip;

describeWithPgbouncer('the contact CSV behind PgBouncer in transaction mode', () => {
  let pgbouncer: Pgbouncer;
  let t: TestApp;
  let db: Database;
  let server: pg.Client;

  beforeAll(async () => {
    t = await startTestApp();
    pgbouncer = await startPgbouncer(binary ?? '', t.url);
    db = createDatabase({
      connectionString: databaseUrl(pgbouncer.url, new URL(t.url).pathname.slice(1)),
      behindPooler: true,
      poolMax: 2,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      logger: createLogger('silent'),
    });
    server = new pg.Client({ connectionString: t.url });
    await server.connect();
    await t.db.query(
      `INSERT INTO salesforce.contact (lastname, sfid, systemmodstamp)
       SELECT 'Pooled ' || lpad(n::text, 4, '0'), '003POOL' || lpad(n::text, 8, '0') || 'AAA', now()
         FROM generate_series(1, ${String(ROWS)}) AS n`,
    );
  });
  afterAll(async () => {
    try {
      await server.end();
      await db.close();
    } finally {
      await pgbouncer.stop();
      await t.close();
    }
  });

  /**
   * Resolves once the export's transaction has sat idle longer than a page's transaction may,
   * or has been ended by the server for it.
   */
  async function idleLongerThanAPage(): Promise<void> {
    const exporting = `SELECT now() - state_change > make_interval(secs => $1) AS overdue
                         FROM pg_stat_activity
                        WHERE state = 'idle in transaction' AND query LIKE 'FETCH%'`;
    const limitS = (STATEMENT_TIMEOUT_MS * 4) / 1000;
    for (;;) {
      const { rows } = await server.query<{ overdue: boolean }>(exporting, [limitS]);
      if (rows.length === 0 || rows[0]?.overdue) return;
      await sleep(50);
    }
  }

  test('when the client is slower than a page’s timeouts, then the cursor still streams every row in order', async () => {
    const mapping = await readMapping(t.db, 'salesforce');
    const sink = new FullSink();
    const list = { query: parseListQuery({ q: 'pooled', dir: 'desc' }), narrowing: NOT_NARROWED };

    const firstBatch = sink.writes(2);
    const done = writeContactsCsv(db, mapping, list, sink);
    sink.emit('drain');
    await firstBatch;
    await idleLongerThanAPage();
    for (;;) {
      const written = sink.writes(1).then(() => false);
      sink.emit('drain');
      if (await Promise.race([done.then(() => true), written])) break;
    }

    const lines = sink.chunks.join('').split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(ROWS);
    expect(lines[0]).toMatch(/^003POOL00002500AAA,/);
    expect(lines.at(-1)).toMatch(/^003POOL00000001AAA,/);
  });
});
