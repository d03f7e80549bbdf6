import type { AuditActor, AuditEntry } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import { recordAuditEntries } from '../../audit/recordAuditEntries';
import { contactTable } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import { BATCHES_TABLE, findBatch } from '../../records/batches';
import { fieldChanges } from '../../records/fieldChanges';
import type { SignedInUser } from '../../web/signedInUser';
import type { ContactValues } from '../contact';
import { lockedChunks, recordOutcomes, type ChunkItem } from './batchChunks';
import type { ApplyOutcome } from './applyMassEdit';

/**
 * Deletes a batch's contacts once, in one transaction, as deleteIfUnchanged deletes one: a row
 * whose mapped values (and account and owner) all still equal its snapshot is deleted, with an
 * audit entry keeping what was deleted; any other is kept (changed meanwhile), never deleted
 * unseen. One DELETE per chunk of rows; Connect captures each and deletes it in Salesforce.
 */
export async function applyDeleteMany(
  audit: AuditLog,
  actor: AuditActor & { user: SignedInUser },
  mapping: Mapping,
  batchId: string,
  scope: OwnerScope,
): Promise<ApplyOutcome> {
  return audit.inTransaction(async (client) => {
    const batch = await findBatch(client, batchId, actor.user, { lock: true });
    if (!batch || batch.kind !== 'delete') return 'not_found';
    if (batch.appliedAt) return 'already_applied';
    for await (const chunk of lockedChunks(client, mapping, batchId, scope)) {
      const results = chunk.map((item) => ({ item, outcome: outcomeOf(item) }));
      const deleted = results.flatMap(({ item, outcome }) =>
        outcome === 'written' && item.current ? [item.current] : [],
      );
      if (deleted.length > 0) {
        await client.query(`DELETE FROM ${contactTable(mapping)} WHERE id = ANY($1::bigint[])`, [
          deleted.map((row) => row.contact.rowId),
        ]);
      }
      await recordOutcomes(
        client,
        mapping,
        batchId,
        results.map(({ item, outcome }) => ({
          position: item.position,
          outcome,
          rowId: item.current?.contact.rowId ?? null,
        })),
        'DELETE',
      );
      await recordAuditEntries(
        client,
        deleted.map((row): AuditEntry => ({
          action: 'delete',
          actor,
          contact: row.contact,
          changes: fieldChanges(mapping.fields, textValues(row.values), {}),
          batchId,
        })),
      );
    }
    await client.query(`UPDATE ${BATCHES_TABLE} SET applied_at = now() WHERE id = $1`, [batchId]);
    return 'applied';
  });
}

/** Deleted (written) only when every column of the snapshot still holds what it held. */
function outcomeOf({ current, snapshot }: ChunkItem) {
  if (!current) return 'gone' as const;
  const same = Object.keys(snapshot).every(
    (column) => (current.values[column] ?? null) === (snapshot[column] ?? null),
  );
  return same ? ('written' as const) : ('changed_meanwhile' as const);
}

function textValues(values: Record<string, string | null>): ContactValues {
  return Object.fromEntries(Object.entries(values).map(([column, value]) => [column, value ?? '']));
}
