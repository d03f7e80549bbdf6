import type { Database } from '../src/db/database';
import type { EditedValues } from './editAudit';

/** The few contacts every soak client edits, so that their edits collide. */
export async function pickContested(db: Database, count: number): Promise<string[]> {
  const result = await db.query<{ sfid: string }>(
    `SELECT sfid FROM salesforce.contact WHERE sfid IS NOT NULL ORDER BY sfid LIMIT $1`,
    [count],
  );
  if (result.rows.length < count) throw new Error(`only ${result.rows.length} contacts to edit`);
  return result.rows.map((row) => row.sfid);
}

/**
 * The stored values of the edited fields, read from the table itself rather than through the
 * app, so the audit compares the clients' view with what the database really holds. An empty
 * value is NULL.
 */
export async function storedValues(
  db: Database,
  sfids: string[],
): Promise<Map<string, EditedValues>> {
  const result = await db.query<{ sfid: string; title: string | null; department: string | null }>(
    `SELECT sfid, title, department FROM salesforce.contact WHERE sfid = ANY($1)`,
    [sfids],
  );
  return new Map(
    result.rows.map((row) => [
      row.sfid,
      { title: row.title ?? '', department: row.department ?? '' },
    ]),
  );
}
