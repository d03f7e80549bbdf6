import { recordAudit, type AuditActor } from '../audit/auditEntry';
import type { AuditLog } from '../audit/auditLog';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { contactTable, EXTERNAL_ID_COLUMN } from '../connect/contactTable';
import { writtenObjects, type Mapping } from '../connect/mapping';
import { appendParam, type OwnerScope } from '../connect/ownerScope';
import { entryInScope } from './entryScope';
import {
  FOR_CONTACTS,
  triggerLogTable,
  type TriggerLogSource,
  type TriggerLogState,
} from '../connect/triggerLog';
import { requeueEntries, retriedContact, retryDetail, type RequeuedWrite } from './requeue';

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
 * Requeues one failed write (requeue.ts says how). The entry is locked first, so a double click or two users
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
    const write: RequeuedWrite = {
      source,
      id,
      action: entry.action,
      tableName: entry.table_name,
      recordId: entry.record_id,
      isContact: entry.is_contact,
      sfid: entry.sfid,
      externalId: entry.external_id,
    };
    await requeueEntries(client, mapping.schema, source, [id]);
    await recordAudit(client, {
      action: 'retry',
      actor,
      contact: retriedContact(write),
      detail: retryDetail(write),
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
