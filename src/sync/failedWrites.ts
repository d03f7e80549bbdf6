import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import type { MappedTable } from '../connect/contactTable';
import {
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  objectTable,
  type MappedObject,
} from '../connect/mappedObject';
import {
  entryColumns,
  toEntry,
  triggerLogStateSql,
  triggerLogTable,
  type TriggerLogEntry,
  type TriggerLogRow,
  type TriggerLogSource,
} from '../connect/triggerLog';
import { writtenObjects, type Mapping } from '../connect/mapping';
import { appendParam, type OwnerScope } from '../connect/ownerScope';
import { entryInScope } from './entryScope';

/** The record a failed write was for, as it is now. */
export interface FailedRecord {
  sfid: string | null;
  externalId: string | null;
  /** A contact's first and last name; an account's name is its `lastname` here. */
  firstname: string | null;
  lastname: string | null;
  lastOp: string | null;
}

export interface FailedWrite extends TriggerLogEntry {
  recordId: number;
  object: 'contact' | 'account';
  /** The record as it is now, or null when the row is gone (deleted, or the table reloaded). */
  record: FailedRecord | null;
}

interface FailedRow extends TriggerLogRow {
  record_id: number;
  table_name: string;
  found: boolean;
  record_sfid: string | null;
  external_id: string | null;
  firstname: string | null;
  lastname: string | null;
  last_op: string | null;
}

/**
 * Failed writes of the objects the app shows (contacts, and accounts when mapped), newest first:
 * FAILED entries in the live log, and archived ones nobody has requeued yet (a requeued entry's
 * state is REQUEUED). Other mapped objects' failures are Connect's business, not this app's;
 * records outside the owner scope are another owner's.
 */
export async function failedWrites(
  db: Database,
  mapping: Mapping,
  limit: number,
  scope: OwnerScope,
): Promise<FailedWrite[]> {
  const objects = writtenObjects(mapping);
  const select = (source: TriggerLogSource) =>
    `SELECT ${entryColumns(source)}, record_id, table_name
       FROM ${triggerLogTable(mapping.schema, source)}
      WHERE state = ${triggerLogStateSql('FAILED')} AND table_name = ANY($2::text[])`;
  const contact = recordColumns(mapping, CONTACT_OBJECT, 'c');
  const account = mapping.account ? recordColumns(mapping.account, ACCOUNT_OBJECT, 'a') : null;
  const pick = (name: keyof typeof contact) =>
    account ? `COALESCE(${contact[name]}, ${account[name]})` : contact[name];
  const params: unknown[] = [limit, objects.map((object) => object.table)];
  const inScope = entryInScope(mapping, 'f', scope, appendParam(params));
  const result = await db.query<FailedRow>(
    `SELECT f.source, f.id, f.action, f.state, f.record_id, f.table_name, f.created_at,
            f.processed_at, f.sf_message,
            ${contact.found}${account ? ` OR ${account.found}` : ''} AS found,
            ${pick('sfid')} AS record_sfid, ${pick('externalId')} AS external_id,
            ${pick('firstname')} AS firstname, ${pick('lastname')} AS lastname,
            ${pick('lastOp')} AS last_op
       FROM (${select('live')} UNION ALL ${select('archive')}) f
       ${contact.join}
       ${account?.join ?? ''}
      WHERE ${inScope}
      ORDER BY f.created_at DESC NULLS LAST, f.id DESC LIMIT $1`,
    params,
  );
  return result.rows.map((row) => ({
    ...toEntry(row),
    recordId: row.record_id,
    object: row.table_name === ACCOUNT_OBJECT.table ? 'account' : 'contact',
    record: row.found
      ? {
          sfid: row.record_sfid,
          externalId: row.external_id,
          firstname: row.firstname,
          lastname: row.lastname,
          lastOp: row.last_op,
        }
      : null,
  }));
}

/** The join to one object's table and what the page shows of its row; unmapped reads NULL. */
function recordColumns(
  { schema, columns, hasExternalId }: MappedTable,
  object: MappedObject,
  alias: string,
) {
  const column = (name: string) =>
    columns.has(name) ? `${alias}.${quoteIdentifier(name)}` : 'NULL::text';
  const isContact = object === CONTACT_OBJECT;
  return {
    join: `LEFT JOIN ${objectTable(object, schema)} ${alias}
             ON f.table_name = '${object.table}' AND ${alias}.id = f.record_id`,
    found: `${alias}.id IS NOT NULL`,
    sfid: column('sfid'),
    externalId:
      hasExternalId && object.externalIdColumn ? column(object.externalIdColumn) : 'NULL::text',
    firstname: isContact ? column('firstname') : 'NULL::text',
    lastname: column(isContact ? 'lastname' : 'name'),
    lastOp: column('_hc_lastop'),
  };
}
