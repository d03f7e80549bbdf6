import type { AuditedContact } from '../audit/auditEntry';
import type { Queryable } from '../db/database';
import { keyOf } from '../connect/contactKey';
import { triggerLogStateSql, triggerLogTable, type TriggerLogSource } from '../connect/triggerLog';

/**
 * Connect never retries a failed write itself. Its documented recovery (merged writes): set a
 * failed live entry back to NEW, or copy a failed archived entry into the live log as NEW and
 * mark the archived one REQUEUED. The caller has locked the entries and seen them FAILED; one
 * statement requeues them all, however many. Returns, for each entry, the id of the live entry
 * that now carries its write.
 */
export async function requeueEntries(
  client: Queryable,
  schema: string,
  source: TriggerLogSource,
  ids: readonly number[],
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const live = triggerLogTable(schema, 'live');
  if (source === 'live') {
    await client.query(
      `UPDATE ${live} SET state = ${triggerLogStateSql('NEW')}, updated_at = now()
        WHERE id = ANY($1::int[])`,
      [ids],
    );
    return new Map(ids.map((id) => [id, id]));
  }
  const archive = triggerLogTable(schema, 'archive');
  // A copy is a fresh capture: a new id from the live sequence and a new time. It is found again
  // by what it copied: one transaction's write of one row.
  const copies = await client.query<{ from_id: number; to_id: number }>(
    `WITH copied AS (
       INSERT INTO ${live}
         (txid, created_at, updated_at, state, action, table_name, record_id, sfid, "values", old)
       SELECT txid, now(), now(), ${triggerLogStateSql('NEW')}, action, table_name, record_id,
              sfid, "values", old
         FROM ${archive} WHERE id = ANY($1::int[])
       RETURNING id, txid, action, table_name, record_id
     ), requeued AS (
       UPDATE ${archive} SET state = ${triggerLogStateSql('REQUEUED')}, updated_at = now()
        WHERE id = ANY($1::int[])
       RETURNING id, txid, action, table_name, record_id
     )
     SELECT r.id AS from_id, c.id AS to_id
       FROM requeued r
       JOIN copied c ON c.txid IS NOT DISTINCT FROM r.txid AND c.action = r.action
                    AND c.table_name = r.table_name AND c.record_id = r.record_id`,
    [ids],
  );
  const moved = new Map(copies.rows.map((copy) => [copy.from_id, copy.to_id]));
  if (moved.size !== ids.length) throw new Error('an archived entry vanished while locked');
  return moved;
}

/** What a requeued entry wrote, as the retry's audit entry names it. */
export interface RequeuedWrite {
  source: TriggerLogSource;
  id: number;
  action: string;
  tableName: string;
  recordId: number;
  isContact: boolean;
  sfid: string | null;
  externalId: string | null;
}

/** The retry's audit note: which entry, from where, and for another object's row, which row. */
export function retryDetail(write: RequeuedWrite): string {
  const where = write.source === 'archive' ? 'archived ' : '';
  const what = write.isContact ? '' : ` of ${write.tableName} row ${String(write.recordId)}`;
  return `retried ${where}failed write #${String(write.id)} (${write.action}${what})`;
}

/** The contact a requeued write was for, by every name the trail finds it under. */
export function retriedContact(write: RequeuedWrite): AuditedContact | undefined {
  if (!write.isContact) return undefined;
  const { recordId: rowId, sfid, externalId } = write;
  return { key: keyOf({ id: rowId, sfid, externalId }), rowId, sfid, externalId };
}
