import { recordAudit, type AuditActor, type AuditedChange } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import type { ContactField } from '../../connect/contactFields';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import { auditedContact } from '../auditedContact';
import { fieldChanges } from '../../records/fieldChanges';
import type { Contact, ContactValues } from '../contact';
import { planMerge, type MergePlan } from '../../records/merge';
import { lockContact, updateRow } from '../contactRepository';
import { salesforceUserId } from '../../web/signedInUser';
import { accountLinkColumns } from '../accountField';
import { accountChange, accountLink } from '../accountLinking';
import { planAccount, type AccountEdit } from './accountMerge';
import { planOwner, type OwnerEdit } from './ownerMerge';
import { OWNER_ID_COLUMN } from '../../connect/mappedObject';
import type { OwnerChoice } from '../owners';
import type { OwnChange } from '../../records/conflictChoices';
import { relationChanges } from './relationChanges';

const NO_EDITS = { account: null, owner: null };

export type SaveOutcome =
  | { kind: 'saved'; keptTheirs: ContactField[]; newOwner: OwnerChoice | null }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: Contact; plan: MergePlan; alsoChanged: OwnChange[] }
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
  scope: OwnerScope,
  shown: ContactValues | null,
  mine: ContactValues,
  alsoWrite: ContactValues,
  { account, owner }: { account: AccountEdit | null; owner: OwnerEdit | null } = NO_EDITS,
): Promise<SaveOutcome> {
  return audit.inTransaction(async (client) => {
    const current = await lockContact(client, mapping, key, scope);
    if (!current) return { kind: 'not_found' };
    const plan = planMerge(mapping.fields, shown, mine, current.values);
    const accountPlan = planAccount(current, account);
    const ownerPlan = planOwner(current, owner);
    for (const { conflict } of [accountPlan, ownerPlan])
      if (conflict) plan.conflicts.push(conflict);
    if (plan.conflicts.length > 0) {
      const alsoChanged = relationChanges(accountPlan.target, ownerPlan.target);
      return { kind: 'conflict', current, plan, alsoChanged };
    }
    const relink = accountPlan.target;
    const newOwner = ownerPlan.target;
    if (Object.keys(plan.writes).length === 0 && !relink && !newOwner) return { kind: 'unchanged' };
    const ownerId = mapping.owners ? salesforceUserId(actor.user) : null;
    const link = relink && (await accountLink(client, mapping, relink, actor, ownerId));
    await updateRow(client, mapping, current.rowId, {
      ...plan.writes,
      ...(relink ? accountLinkColumns(mapping, link ?? null) : {}),
      ...(newOwner ? { [OWNER_ID_COLUMN]: newOwner.id } : {}),
      ...alsoWrite,
    });
    await recordAudit(client, {
      action: 'edit',
      actor,
      contact: auditedContact(current),
      changes: [
        ...fieldChanges(mapping.fields, current.values, { ...current.values, ...plan.writes }),
        ...(relink ? accountChange(relink, current.account?.name ?? '') : []),
        ...(newOwner ? [ownerChange(current, newOwner)] : []),
      ],
    });
    return { kind: 'saved', keptTheirs: plan.keptTheirs, newOwner };
  });
}

/** The audit entry's line for a new owner, by name. */
function ownerChange(current: Contact, owner: OwnerChoice): AuditedChange {
  const from = current.owner?.name ?? current.owner?.id ?? '';
  return { field: OWNER_ID_COLUMN, label: 'Owner', from, to: owner.name };
}
