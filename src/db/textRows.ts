import pg from 'pg';
import type { Queryable } from './database';

/** A row of a statement whose columns are all text, as arrays of cells in the SELECT's order. */
export type TextRow = (string | null)[];

/**
 * Runs `text`, handing each row to `onRow` as pg parses it (inside pg's socket handler, so it
 * must not throw), and resolves with how many there were; pg keeps none of them. For results
 * too large to await: `await client.query(text)` makes its callback as a function literal
 * assigned to a property, which V8 allocates straight into the old generation, and through it
 * the result stays reachable until a full collection: young collections free none of it.
 * Fetching a million rows a thousand at a time that way copied or promoted 1.2 GB and grew the
 * young generation to its largest; this way, a few MB (docs/benchmark.md, "The CSV export").
 */
export function eachTextRow(
  client: Queryable,
  text: string,
  onRow: (row: TextRow) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    // pg's types leave rowMode out of Query's own parameter; it reads it all the same.
    const config: pg.QueryArrayConfig = { text, rowMode: 'array' };
    const query = new pg.Query<TextRow>(config);
    query.on('row', (row) => {
      count += 1;
      onRow(row);
    });
    query.on('end', () => {
      resolve(count);
    });
    query.on('error', reject);
    client.query(query);
  });
}
