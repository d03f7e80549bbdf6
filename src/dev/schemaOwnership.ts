import type { Database } from '../db/database';

/**
 * The development schema is marked with this comment. Any `salesforce` schema without it
 * belongs to Heroku Connect (or someone else), and development tooling must not touch it.
 */
export const DEV_SCHEMA_MARK = 'contact-card development schema; not managed by Heroku Connect';

export type SchemaOwner = 'absent' | 'development' | 'foreign';

export async function schemaOwner(db: Database, schema: string): Promise<SchemaOwner> {
  const result = await db.query<{ comment: string | null; has_hcmeta: boolean }>(
    `SELECT obj_description(n.oid, 'pg_namespace') AS comment,
            to_regclass(quote_ident(n.nspname) || '._hcmeta') IS NOT NULL AS has_hcmeta
       FROM pg_namespace n WHERE n.nspname = $1`,
    [schema],
  );
  const row = result.rows[0];
  if (!row) return 'absent';
  return row.comment === DEV_SCHEMA_MARK && !row.has_hcmeta ? 'development' : 'foreign';
}

/**
 * Heroku Connect's own `_hcmeta` tables, in whatever schema: a database that has one is served
 * by Connect, even if the configured schema is another.
 */
export async function connectTables(db: Database): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = '_hcmeta' AND c.relkind IN ('r', 'p', 'v') ORDER BY 1`,
  );
  return result.rows.map((row) => row.name);
}
