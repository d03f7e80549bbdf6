import { recordAudit, type AuditActor } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import type { ContactField } from '../../connect/contactFields';
import type { OwnerScope } from '../../connect/ownerScope';
import { fieldChanges } from '../../records/fieldChanges';
import { planMerge, type MergePlan } from '../../records/merge';
import type { FieldValues } from '../../records/shownValues';
import type { Account } from '../account';
import type { AccountMapping } from '../accountTable';
import { auditedAccount, lockAccount, updateAccount } from '../accountWrites';

export type AccountSaveOutcome =
  | { kind: 'saved'; keptTheirs: ContactField[] }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: Account; plan: MergePlan }
  | { kind: 'not_found' };

/**
 * The contact card's rule for accounts: merges the user's edits into the row as it is now and
 * writes them under the row's lock, so a change that lands after the form was shown is merged
 * or refused, never overwritten. A conflict writes nothing, and so does a save that changes no
 * value: Connect's trigger would mark the row PENDING with nothing to send. The audit entry is
 * written in the same transaction, from the values the lock saw.
 */
export async function saveAccountEdit(
  audit: AuditLog,
  actor: AuditActor,
  mapping: AccountMapping,
  key: string,
  scope: OwnerScope,
  shown: FieldValues | null,
  mine: FieldValues,
): Promise<AccountSaveOutcome> {
  const { fields } = mapping.account;
  return audit.inTransaction(async (client) => {
    const current = await lockAccount(client, mapping, key, scope);
    if (!current) return { kind: 'not_found' };
    const plan = planMerge(fields, shown, mine, current.values);
    if (plan.conflicts.length > 0) return { kind: 'conflict', current, plan };
    if (Object.keys(plan.writes).length === 0) return { kind: 'unchanged' };
    await updateAccount(client, mapping, current.rowId, plan.writes);
    await recordAudit(client, {
      action: 'edit',
      actor,
      object: 'account',
      contact: auditedAccount(current),
      changes: fieldChanges(fields, current.values, { ...current.values, ...plan.writes }),
    });
    return { kind: 'saved', keptTheirs: plan.keptTheirs };
  });
}
