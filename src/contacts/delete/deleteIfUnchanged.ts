import { recordAudit, type AuditActor, type AuditedChange } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import { auditedContact } from '../auditedContact';
import { fieldChanges } from '../../records/fieldChanges';
import type { Contact, ContactValues } from '../contact';
import { deleteRow, lockContact } from '../contactRepository';

export type DeleteOutcome =
  | { kind: 'deleted' }
  | { kind: 'not_found' }
  | { kind: 'changed'; current: Contact; changes: AuditedChange[] };

/**
 * Deletes the contact only as the confirmation page showed it: a contact someone changed since
 * is kept, and the user is asked again with the changes in front of them. Without the shown
 * values (an old page, a forged form) nothing can be compared, so it asks again too. The audit
 * entry keeps what was deleted, in the same transaction as the delete.
 */
export async function deleteIfUnchanged(
  audit: AuditLog,
  actor: AuditActor,
  mapping: Mapping,
  key: string,
  scope: OwnerScope,
  shown: ContactValues | null,
): Promise<DeleteOutcome> {
  return audit.inTransaction(async (client) => {
    const current = await lockContact(client, mapping, key, scope);
    if (!current) return { kind: 'not_found' };
    if (!shown) return { kind: 'changed', current, changes: [] };
    const changes = fieldChanges(mapping.fields, shown, current.values);
    if (changes.length > 0) return { kind: 'changed', current, changes };
    await deleteRow(client, mapping, current.rowId);
    await recordAudit(client, {
      action: 'delete',
      actor,
      contact: auditedContact(current),
      changes: fieldChanges(mapping.fields, current.values, {}),
    });
    return { kind: 'deleted' };
  });
}
