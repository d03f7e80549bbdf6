import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { contactTable, EXTERNAL_ID_COLUMN } from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';
import {
  entryColumns,
  FOR_CONTACTS,
  toEntry,
  triggerLogStateSql,
  triggerLogTable,
  type TriggerLogEntry,
  type TriggerLogRow,
  type TriggerLogSource,
} from '../connect/triggerLog';

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

/**
 * Failed contact writes across all contacts, newest first: FAILED entries in the live log,
 * and archived ones nobody has requeued yet (a requeued entry's state is REQUEUED).
 */
export async function failedWrites(
  db: Database,
  mapping: Mapping,
  limit: number,
): Promise<FailedWrite[]> {
  // The mapping decides which of these columns exist; a missing one reads as NULL.
  const joined = mapping.columns.has('id');
  const column = (name: string) =>
    mapping.columns.has(name) ? `c.${quoteIdentifier(name)}` : 'NULL';
  const select = (source: TriggerLogSource) =>
    `SELECT ${entryColumns(source)}, record_id FROM ${triggerLogTable(mapping.schema, source)}
      WHERE state = ${triggerLogStateSql('FAILED')} AND ${FOR_CONTACTS}`;
  const result = await db.query<FailedRow>(
    `SELECT f.source, f.id, f.action, f.state, f.record_id, f.created_at, f.processed_at,
            f.sf_message, ${joined ? 'c.id IS NOT NULL' : 'false'} AS contact_found,
            ${column('sfid')} AS contact_sfid, ${column(EXTERNAL_ID_COLUMN)} AS external_id,
            ${column('firstname')} AS firstname, ${column('lastname')} AS lastname,
            ${column('_hc_lastop')} AS last_op
       FROM (${select('live')} UNION ALL ${select('archive')}) f
       ${joined ? `LEFT JOIN ${contactTable(mapping)} c ON c.id = f.record_id` : ''}
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
