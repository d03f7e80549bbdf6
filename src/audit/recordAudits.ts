import type { Queryable } from '../db/database';
import type { AuditEntry } from './auditEntry';
import { AUDIT_TABLE } from './auditTable';

/**
 * Writes many entries in one statement, in the order given, on the caller's client (inside the
 * change's transaction, as recordAudit): a bulk action records thousands of rows, and one round
 * trip each would keep the transaction open for seconds.
 */
export async function recordAudits(
  client: Queryable,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO ${AUDIT_TABLE}
       (action, user_id, username, user_name, contact_key, contact_row_id, sfid, external_id,
        changes, detail, request_id, object, batch_id)
     SELECT e.action, e.user_id, e.username, e.user_name, e.contact_key, e.contact_row_id,
            e.sfid, e.external_id, e.changes, e.detail, e.request_id, e.object, e.batch_id
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
              action text, user_id text, username text, user_name text, contact_key text,
              contact_row_id bigint, sfid text, external_id text, changes jsonb, detail text,
              request_id text, object text, batch_id uuid)) WITH ORDINALITY AS e
      ORDER BY e.ordinality`,
    [JSON.stringify(entries.map(toRow))],
  );
}

function toRow({ action, actor, contact, ...entry }: AuditEntry) {
  return {
    action,
    user_id: actor.user.id,
    username: actor.user.username,
    user_name: actor.user.name,
    contact_key: contact?.key ?? null,
    contact_row_id: contact?.rowId ?? null,
    sfid: contact?.sfid ?? null,
    external_id: contact?.externalId ?? null,
    changes: entry.changes ?? [],
    detail: entry.detail ?? null,
    request_id: actor.requestId,
    object: entry.object ?? 'contact',
    batch_id: entry.batchId ?? null,
  };
}
