import type { AuditActor } from '../audit/auditEntry';
import type { AuditLog } from '../audit/auditLog';
import { recordAuditEntries } from '../audit/recordAuditEntries';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { contactTable, EXTERNAL_ID_COLUMN } from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';
import {
  FOR_CONTACTS,
  triggerLogStateSql,
  triggerLogTable,
  type TriggerLogSource,
} from '../connect/triggerLog';
import { BATCH_ITEMS_TABLE, findBatch } from '../records/batches';
import type { SignedInUser } from '../web/signedInUser';
import { requeueEntries, retriedContact, retryDetail, type RequeuedWrite } from './requeue';

interface FailedItem extends RequeuedWrite {
  position: number;
}

interface FailedItemRow {
  position: number;
  id: number;
  action: string;
  table_name: string;
  record_id: number;
  is_contact: boolean;
  sfid: string | null;
  external_id: string | null;
}

/**
 * Requeues every failed write of a batch, as Retry does one, in one transaction and a handful
 * of statements however many rows failed: each with its audit entry naming the batch. An archived entry's copy gets a new id, which the item then
 * names, so the batch page follows the retry. Null when this user may not see the batch.
 * Entries are locked and read as FAILED under the lock, so a retry of one of them meanwhile, or
 * a second click, requeues nothing twice.
 */
export function retryBatch(
  audit: AuditLog,
  actor: AuditActor & { user: SignedInUser },
  mapping: Pick<Mapping, 'schema' | 'hasExternalId'>,
  batchId: string,
): Promise<number | null> {
  return audit.inTransaction(async (client) => {
    const batch = await findBatch(client, batchId, actor.user, { lock: true });
    if (!batch) return null;
    const failed = [
      ...(await lockFailed(client, mapping, batch.id, 'live')),
      ...(await lockFailed(client, mapping, batch.id, 'archive')),
    ].sort((a, b) => a.position - b.position);
    const moved = new Map([
      ...(await requeue(client, mapping.schema, failed, 'live')),
      ...(await requeue(client, mapping.schema, failed, 'archive')),
    ]);
    // An archived entry's live copy has a new id: the item follows the copy from now on.
    const copies = [...moved].filter(([from, to]) => from !== to);
    await client.query(
      `UPDATE ${BATCH_ITEMS_TABLE} i SET trigger_log_id = m.to_id
         FROM unnest($2::bigint[], $3::bigint[]) AS m(from_id, to_id)
        WHERE i.batch_id = $1 AND i.trigger_log_id = m.from_id`,
      [batch.id, copies.map(([from]) => from), copies.map(([, to]) => to)],
    );
    await recordAuditEntries(
      client,
      failed.map((write) => ({
        action: 'retry',
        actor,
        contact: retriedContact(write),
        detail: retryDetail(write),
        batchId: batch.id,
      })),
    );
    return failed.length;
  });
}

function requeue(
  client: Queryable,
  schema: string,
  failed: readonly FailedItem[],
  source: TriggerLogSource,
): Promise<Map<number, number>> {
  const ids = failed.filter((write) => write.source === source).map((write) => write.id);
  return requeueEntries(client, schema, source, ids);
}

/** The batch's FAILED entries in one of the logs, locked; an archived one only if not live too. */
async function lockFailed(
  client: Queryable,
  mapping: Pick<Mapping, 'schema' | 'hasExternalId'>,
  batchId: string,
  source: TriggerLogSource,
): Promise<FailedItem[]> {
  const externalId = mapping.hasExternalId
    ? `(SELECT c.${quoteIdentifier(EXTERNAL_ID_COLUMN)} FROM ${contactTable(mapping)} c
         WHERE c.id = l.record_id)`
    : 'NULL::text';
  const notLive =
    source === 'archive'
      ? `AND NOT EXISTS (SELECT 1 FROM ${triggerLogTable(mapping.schema, 'live')} live
                          WHERE live.id = i.trigger_log_id)`
      : '';
  const result = await client.query<FailedItemRow>(
    `SELECT i.position, l.id, l.action, l.table_name, l.record_id, ${FOR_CONTACTS} AS is_contact,
            l.sfid, ${externalId} AS external_id
       FROM ${BATCH_ITEMS_TABLE} i
       JOIN ${triggerLogTable(mapping.schema, source)} l ON l.id = i.trigger_log_id
      WHERE i.batch_id = $1 AND i.outcome = 'written'
        AND l.state = ${triggerLogStateSql('FAILED')} ${notLive}
      FOR UPDATE OF l`,
    [batchId],
  );
  return result.rows.map((row) => ({
    source,
    position: row.position,
    id: row.id,
    action: row.action,
    tableName: row.table_name,
    recordId: row.record_id,
    isContact: row.is_contact,
    sfid: row.sfid,
    externalId: row.external_id,
  }));
}
