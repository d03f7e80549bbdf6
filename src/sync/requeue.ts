import type { AuditedContact } from '../audit/auditEntry';
import type { Queryable } from '../db/database';
import { keyOf } from '../connect/contactKey';
import { triggerLogStateSql, triggerLogTable, type TriggerLogSource } from '../connect/triggerLog';

/**
 * Connect never retries a failed write itself. Its documented recovery (merged writes): set a
 * failed live entry back to NEW, or copy a failed archived entry into the live log as NEW and
 * mark the archived one REQUEUED. The caller has locked the entry and seen it FAILED. Returns
 * the id of the live entry that now carries the write.
 */
export async function requeueEntry(
  client: Queryable,
  schema: string,
  source: TriggerLogSource,
  id: number,
): Promise<number> {
  if (source === 'live') {
    await client.query(
      `UPDATE ${triggerLogTable(schema, 'live')}
          SET state = ${triggerLogStateSql('NEW')}, updated_at = now() WHERE id = $1`,
      [id],
    );
    return id;
  }
  // The copy is a fresh capture: a new id from the live sequence and a new time.
  const copied = await client.query<{ id: number }>(
    `INSERT INTO ${triggerLogTable(schema, 'live')}
       (txid, created_at, updated_at, state, action, table_name, record_id, sfid, "values", old)
     SELECT txid, now(), now(), ${triggerLogStateSql('NEW')}, action, table_name, record_id,
            sfid, "values", old
       FROM ${triggerLogTable(schema, 'archive')} WHERE id = $1
     RETURNING id`,
    [id],
  );
  await client.query(
    `UPDATE ${triggerLogTable(schema, 'archive')}
        SET state = ${triggerLogStateSql('REQUEUED')}, updated_at = now()
      WHERE id = $1`,
    [id],
  );
  const copy = copied.rows[0];
  if (!copy) throw new Error(`archived entry ${String(id)} vanished while locked`);
  return copy.id;
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
