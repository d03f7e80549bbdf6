import { recordAudit, type AuditActor, type AuditedContact } from '../audit/auditEntry';
import type { AuditLog } from '../audit/auditLog';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { keyOf } from '../connect/contactKey';
import { contactTable, EXTERNAL_ID_COLUMN } from '../connect/contactTable';
import { writtenObjects, type Mapping } from '../connect/mapping';
import { appendParam, type OwnerScope } from '../connect/ownerScope';
import { entryInScope } from './entryScope';
import {
  FOR_CONTACTS,
  triggerLogStateSql,
  triggerLogTable,
  type TriggerLogSource,
  type TriggerLogState,
} from '../connect/triggerLog';

export type RetryOutcome = 'requeued' | 'not_failed' | 'not_found';

export interface RetriedEntry {
  source: TriggerLogSource;
  id: number;
}

interface LockedEntry {
  in_scope: boolean;
  state: TriggerLogState;
  action: string;
  is_contact: boolean;
  table_name: string;
  record_id: number;
  sfid: string | null;
  external_id: string | null;
}

/**
 * Connect never retries a failed write itself. Its documented recovery (merged writes): set a
 * failed live entry back to NEW, or copy a failed archived entry into the live log as NEW and
 * mark the archived one REQUEUED. The entry is locked first, so a double click or two users
 * retrying at once queue exactly one retry (and one audit entry); the second sees it is no
 * longer FAILED.
 */
export function retryWrite(
  audit: AuditLog,
  actor: AuditActor,
  mapping: Pick<Mapping, 'schema' | 'hasExternalId' | 'account'>,
  { source, id }: RetriedEntry,
  scope: OwnerScope,
): Promise<RetryOutcome> {
  return audit.inTransaction(async (client) => {
    const entry = await lockEntry(client, mapping, source, id, scope);
    // Another mapped object's write, or another owner's, is not this user's to requeue: it is
    // not found here.
    const shown = writtenObjects(mapping).some((object) => object.table === entry?.table_name);
    if (!entry || !shown || !entry.in_scope) return 'not_found';
    if (entry.state !== 'FAILED') return 'not_failed';
    if (source === 'live') {
      await client.query(
        `UPDATE ${triggerLogTable(mapping.schema, source)}
            SET state = ${triggerLogStateSql('NEW')}, updated_at = now() WHERE id = $1`,
        [id],
      );
    } else {
      await requeueArchived(client, mapping.schema, id);
    }
    await recordAudit(client, {
      action: 'retry',
      actor,
      contact: entry.is_contact ? retriedContact(entry) : undefined,
      detail: `retried ${source === 'archive' ? 'archived ' : ''}failed write #${id} (${entry.action}${entry.is_contact ? '' : ` of ${entry.table_name} row ${entry.record_id}`})`,
    });
    return 'requeued';
  });
}

/**
 * The entry, locked, with the contact it wrote to. An insert that failed has no sfid, so the
 * External ID is read from the row: it is the name the contact's card is found under.
 */
async function lockEntry(
  client: Queryable,
  mapping: Pick<Mapping, 'schema' | 'hasExternalId' | 'account'>,
  source: TriggerLogSource,
  id: number,
  scope: OwnerScope,
): Promise<LockedEntry | undefined> {
  const params: unknown[] = [id];
  const inScope = entryInScope(mapping, 'l', scope, appendParam(params));
  const externalId = mapping.hasExternalId
    ? `(SELECT c.${quoteIdentifier(EXTERNAL_ID_COLUMN)} FROM ${contactTable(mapping)} c
         WHERE c.id = l.record_id)`
    : 'NULL::text';
  const locked = await client.query<LockedEntry>(
    `SELECT ${inScope} AS in_scope, l.state, l.action, ${FOR_CONTACTS} AS is_contact,
            l.table_name, l.record_id, l.sfid, ${externalId} AS external_id
       FROM ${triggerLogTable(mapping.schema, source)} l WHERE l.id = $1 FOR UPDATE OF l`,
    params,
  );
  return locked.rows[0];
}

function retriedContact({
  record_id: rowId,
  sfid,
  external_id: externalId,
}: LockedEntry): AuditedContact {
  return { key: keyOf({ id: rowId, sfid, externalId }), rowId, sfid, externalId };
}

async function requeueArchived(client: Queryable, schema: string, entryId: number): Promise<void> {
  // The copy is a fresh capture: a new id from the live sequence and a new time.
  await client.query(
    `INSERT INTO ${triggerLogTable(schema, 'live')}
       (txid, created_at, updated_at, state, action, table_name, record_id, sfid, "values", old)
     SELECT txid, now(), now(), ${triggerLogStateSql('NEW')}, action, table_name, record_id,
            sfid, "values", old
       FROM ${triggerLogTable(schema, 'archive')} WHERE id = $1`,
    [entryId],
  );
  await client.query(
    `UPDATE ${triggerLogTable(schema, 'archive')}
        SET state = ${triggerLogStateSql('REQUEUED')}, updated_at = now()
      WHERE id = $1`,
    [entryId],
  );
}
