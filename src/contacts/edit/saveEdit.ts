import { recordAudit, type AuditActor } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import type { ContactField } from '../../connect/contactFields';
import type { Mapping } from '../../connect/mapping';
import { auditedContact } from '../auditedContact';
import { fieldChanges } from '../../records/fieldChanges';
import type { Contact, ContactValues } from '../contact';
import { planMerge, type MergePlan } from '../../records/merge';
import { lockContact, updateRow } from '../contactRepository';
import { salesforceUserId } from '../../web/signedInUser';
import { accountLinkColumns } from '../accountField';
import { accountChange, accountLink } from '../accountLinking';
import { planAccount, type AccountEdit } from './accountMerge';

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
  account: AccountEdit | null = null,
): Promise<SaveOutcome> {
  return audit.inTransaction(async (client) => {
    const current = await lockContact(client, mapping, key);
    if (!current) return { kind: 'not_found' };
    const plan = planMerge(mapping.fields, shown, mine, current.values);
    const accountPlan = planAccount(current, account);
    if (accountPlan.conflict) plan.conflicts.push(accountPlan.conflict);
    if (plan.conflicts.length > 0) return { kind: 'conflict', current, plan };
    const relink = accountPlan.target;
    if (Object.keys(plan.writes).length === 0 && !relink) return { kind: 'unchanged' };
    const ownerId = mapping.owners ? salesforceUserId(actor.user) : null;
    const link = relink && (await accountLink(client, mapping, relink, ownerId));
    await updateRow(client, mapping, current.rowId, {
      ...plan.writes,
      ...(relink ? accountLinkColumns(mapping, link ?? null) : {}),
      ...alsoWrite,
    });
    await recordAudit(client, {
      action: 'edit',
      actor,
      contact: auditedContact(current),
      changes: [
        ...fieldChanges(mapping.fields, current.values, { ...current.values, ...plan.writes }),
        ...(relink ? accountChange(relink, current.account?.name ?? '') : []),
      ],
    });
    return { kind: 'saved', keptTheirs: plan.keptTheirs };
  });
}
