import type { Database } from '../db/database';

/**
 * The development schema is marked with this comment. Any `salesforce` schema without it
 * belongs to Heroku Connect (or someone else), and development tooling must not touch it.
 */
export const DEV_SCHEMA_MARK = 'contact-card development schema; not managed by Heroku Connect';

export type SchemaOwner = 'absent' | 'development' | 'foreign';

/** Who made a schema, by its mark. Ask `connectTables` first: Connect may have taken it over. */
export async function schemaOwner(db: Database, schema: string): Promise<SchemaOwner> {
  const result = await db.query<{ comment: string | null }>(
    `SELECT obj_description(n.oid, 'pg_namespace') AS comment
       FROM pg_namespace n WHERE n.nspname = $1`,
    [schema],
  );
  const row = result.rows[0];
  if (!row) return 'absent';
  return row.comment === DEV_SCHEMA_MARK ? 'development' : 'foreign';
}

/**
 * Heroku Connect's own `_hcmeta` relations, in whatever schema: a database that has one is
 * served by Connect, even if the configured schema is another or carries our mark.
 */
export async function connectTables(db: Database): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = '_hcmeta' ORDER BY 1`,
  );
  return result.rows.map((row) => row.name);
}
