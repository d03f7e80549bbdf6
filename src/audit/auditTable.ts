import { appTable, type WithAppTable } from '../db/appTable';
import type { Database } from '../db/database';

export const AUDIT_TABLE = 'contact_card.audit_entries';

/** Entries younger than this cannot be deleted, even by retention: history is not rewritten. */
export const AUDIT_MIN_AGE_FOR_DELETE = '1 day';

// One per database: every reader and writer of the trail shares the first use's check, so the
// DDL below runs once per process, not once per caller (or per daily retention pass).
const tables = new WeakMap<Database, WithAppTable>();

/**
 * The audit trail lives in the app's own schema, never in Connect's. `id` orders the entries
 * (keyset paging walks it newest first); each filter of the audit page has an index that ends
 * in `id`, so a filtered page is one index range however many entries there are. A user and an
 * action together get their own: each alone may match half a million entries that share few.
 * The trigger makes the table append-only for everyone but retention.
 */
export function auditTable(db: Database): WithAppTable {
  let table = tables.get(db);
  if (!table) {
    table = createAuditTable(db);
    tables.set(db, table);
  }
  return table;
}

function createAuditTable(db: Database): WithAppTable {
  return appTable(
    db,
    'audit_entries',
    `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     action text NOT NULL,
     user_id text NOT NULL,
     username text NOT NULL,
     user_name text NOT NULL,
     contact_key text,
     contact_row_id bigint,
     sfid text,
     external_id text,
     changes jsonb NOT NULL DEFAULT '[]'::jsonb,
     detail text,
     request_id text`,
    ['at'],
    [
      indexOn('user_id'),
      indexOn('username'),
      indexOn('user_id', 'action'),
      indexOn('username', 'action'),
      indexOn('action'),
      indexOn('contact_key'),
      indexOn('sfid'),
      indexOn('external_id'),
      `CREATE OR REPLACE FUNCTION contact_card.audit_entries_append_only() RETURNS trigger
         LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND OLD.at < now() - interval '${AUDIT_MIN_AGE_FOR_DELETE}' THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE OR REPLACE TRIGGER audit_entries_append_only
         BEFORE UPDATE OR DELETE ON ${AUDIT_TABLE}
         FOR EACH ROW EXECUTE FUNCTION contact_card.audit_entries_append_only()`,
      `CREATE OR REPLACE TRIGGER audit_entries_no_truncate
         BEFORE TRUNCATE ON ${AUDIT_TABLE}
         FOR EACH STATEMENT EXECUTE FUNCTION contact_card.audit_entries_append_only()`,
    ],
  );
}

function indexOn(...columns: string[]): string {
  return `CREATE INDEX IF NOT EXISTS audit_entries_${columns.join('_')}_id
            ON ${AUDIT_TABLE} (${columns.join(', ')}, id)`;
}
