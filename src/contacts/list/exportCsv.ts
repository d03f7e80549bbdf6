import { quoteIdentifier } from '../../db/identifiers';
import type { Mapping } from '../../connect/mapping';
import { csvBytesWriter, csvLine, type CsvSink } from '../../db/csvWriter';
import type { Database, Queryable } from '../../db/database';
import { eachTextRow } from '../../db/textRows';
import { exportColumns } from './exportColumns';
import type { ListQuery } from './params';
import { matchCondition, pageSql } from './queries';
import { conditions, type Narrowing } from './sql';

/** Rows per FETCH and per write: memory stays at one batch however many contacts match. */
const BATCH_SIZE = 1000;

/**
 * The export's own statement timeout, in place of DATABASE_STATEMENT_TIMEOUT_MS (5 s by default,
 * sized for a page). A sort that no index holds (by account, or any sort of a search's matches)
 * is done in full by the first FETCH, seconds at a million contacts. Bounded by Heroku's router,
 * which cuts a response that sends nothing for 55 s: a FETCH longer than that is lost anyway.
 * The same bound lets the transaction sit idle while a slow client drains the last batch.
 */
const EXPORT_TIMEOUT_MS = 55_000;

/**
 * Writes every contact the list shows for `query`, in its order, as RFC 4180 CSV: no page, no
 * ROW_CAP. The header line (with the byte order mark) goes out before the query runs, so the
 * first byte never waits on it. Rows come from a cursor in one read-only transaction, a batch
 * at a time, each fetched once the sink has taken the last; a transaction-mode pooler keeps a
 * transaction on one server connection, so the cursor works behind PgBouncer too. Stops
 * reading when the client goes away.
 */
export async function writeContactsCsv(
  db: Database,
  mapping: Mapping,
  list: { query: ListQuery; narrowing: Narrowing },
  out: CsvSink,
): Promise<void> {
  const write = csvBytesWriter(out);
  const columns = exportColumns(mapping);
  if (!(await write(Buffer.from(csvLine(columns.map((column) => column.header)))))) return;
  const where = conditions(mapping, list.query, list.narrowing);
  const sql = pageSql(mapping, list.query);
  await db.withTransaction(async (client) => {
    await client.query(
      `SET TRANSACTION READ ONLY;
       SET LOCAL statement_timeout = ${EXPORT_TIMEOUT_MS};
       SET LOCAL idle_in_transaction_session_timeout = ${EXPORT_TIMEOUT_MS}`,
    );
    await client.query(
      `DECLARE contact_export NO SCROLL CURSOR FOR
         SELECT ${columns.map((column) => `${column.sql} AS ${quoteIdentifier(column.as)}`).join(', ')}
           FROM ${sql.table} AS contact
          WHERE ${matchCondition(sql, where)}
          ORDER BY ${sql.order}`,
      where.params,
    );
    for (;;) {
      const { lines, count } = await nextLines(client);
      if (count === 0) return;
      if (!(await write(lines))) return;
      if (count < BATCH_SIZE) return;
    }
  });
}

/**
 * The cursor's next batch as UTF-8 CSV, each row made into its line as it arrives, so neither
 * the rows nor their text outlive this call (see csvBytesWriter).
 */
async function nextLines(client: Queryable): Promise<{ lines: Buffer; count: number }> {
  const lines: string[] = [];
  const count = await eachTextRow(client, `FETCH ${BATCH_SIZE} FROM contact_export`, (row) =>
    lines.push(csvLine(row)),
  );
  return { lines: Buffer.from(lines.join('')), count };
}
