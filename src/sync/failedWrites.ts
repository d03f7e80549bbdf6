import type { Database } from '../db/database';
import { qualified, quoteIdentifier } from '../db/identifiers';
import {
  ARCHIVE_TABLE,
  LIVE_TABLE,
  toEntry,
  type TriggerLogEntry,
  type TriggerLogRow,
} from './triggerLog';

export interface FailedWrite extends TriggerLogEntry {
  recordId: number;
  /** The contact as it is now, or null when the row is gone (deleted, or the table reloaded). */
  contact: {
    sfid: string | null;
    externalId: string | null;
    firstname: string | null;
    lastname: string | null;
    lastOp: string | null;
  } | null;
}

interface FailedRow extends TriggerLogRow {
  record_id: number;
  contact_found: boolean;
  contact_sfid: string | null;
  external_id: string | null;
  firstname: string | null;
  lastname: string | null;
  last_op: string | null;
}

const CONTACT_COLUMNS = ['sfid', 'external_contact_id__c', 'firstname', 'lastname', '_hc_lastop'];

/**
 * Failed contact writes across all contacts, newest first: FAILED entries in the live log,
 * and archived ones nobody has requeued yet (a requeued entry's state is REQUEUED).
 */
export async function failedWrites(
  db: Database,
  schema: string,
  limit: number,
): Promise<FailedWrite[]> {
  // The mapping decides which of these columns exist; a missing one reads as NULL.
  const present = await presentContactColumns(db, schema);
  const joined = present.has('id');
  const column = (name: string) => (present.has(name) ? `c.${quoteIdentifier(name)}` : 'NULL');
  const select = (source: string, table: string) =>
    `SELECT '${source}' AS source, id, action, state, record_id, created_at, processed_at, sf_message
       FROM ${qualified(schema, table)} WHERE state = 'FAILED' AND table_name = 'contact'`;
  const result = await db.query<FailedRow>(
    `SELECT f.source, f.id, f.action, f.state, f.record_id, f.created_at, f.processed_at,
            f.sf_message, ${joined ? 'c.id IS NOT NULL' : 'false'} AS contact_found,
            ${column('sfid')} AS contact_sfid, ${column('external_contact_id__c')} AS external_id,
            ${column('firstname')} AS firstname, ${column('lastname')} AS lastname,
            ${column('_hc_lastop')} AS last_op
       FROM (${select('live', LIVE_TABLE)} UNION ALL ${select('archive', ARCHIVE_TABLE)}) f
       ${joined ? `LEFT JOIN ${qualified(schema, 'contact')} c ON c.id = f.record_id` : ''}
      ORDER BY f.created_at DESC NULLS LAST, f.id DESC LIMIT $1`,
    [limit],
  );
  return result.rows.map((row) => ({
    ...toEntry(row),
    recordId: row.record_id,
    contact: row.contact_found
      ? {
          sfid: row.contact_sfid,
          externalId: row.external_id,
          firstname: row.firstname,
          lastname: row.lastname,
          lastOp: row.last_op,
        }
      : null,
  }));
}

async function presentContactColumns(db: Database, schema: string): Promise<Set<string>> {
  const result = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = 'contact' AND column_name = ANY($2::text[])`,
    [schema, ['id', ...CONTACT_COLUMNS]],
  );
  return new Set(result.rows.map((row) => row.column_name));
}
