import { recordAudit, type AuditActor } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import type { ContactField } from '../../connect/contactFields';
import type { Mapping } from '../../connect/mapping';
import { auditedContact, fieldChanges } from '../fieldChanges';
import type { Contact, ContactValues } from '../contact';
import { planMerge, type MergePlan } from './merge';
import { lockContact, updateRow } from '../contactRepository';

export type SaveOutcome =
  | { kind: 'saved'; keptTheirs: ContactField[] }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: Contact; plan: MergePlan }
  | { kind: 'not_found' };

/**
 * Merges the user's edits into the row as it is now and writes them, all under the row's lock,
 * so a change that lands after the form (or the conflict page) was shown is merged or refused,
 * never overwritten. A conflict writes nothing: the user decides on the whole save. The audit
 * entry is written in the same transaction, from the values the lock saw. A save that writes
 * anything also writes `alsoWrite`, columns outside the form (see editedBy.ts), which the
 * entry leaves out.
 */
export async function saveEdit(
  audit: AuditLog,
  actor: AuditActor,
  mapping: Mapping,
  key: string,
  shown: ContactValues | null,
  mine: ContactValues,
  alsoWrite: ContactValues,
): Promise<SaveOutcome> {
  return audit.inTransaction(async (client) => {
    const current = await lockContact(client, mapping, key);
    if (!current) return { kind: 'not_found' };
    const plan = planMerge(mapping.fields, shown, mine, current.values);
    if (plan.conflicts.length > 0) return { kind: 'conflict', current, plan };
    if (Object.keys(plan.writes).length === 0) return { kind: 'unchanged' };
    await updateRow(client, mapping, current.rowId, { ...plan.writes, ...alsoWrite });
    await recordAudit(client, {
      action: 'edit',
      actor,
      contact: auditedContact(current),
      changes: fieldChanges(mapping.fields, current.values, { ...current.values, ...plan.writes }),
    });
    return { kind: 'saved', keptTheirs: plan.keptTheirs };
  });
}
