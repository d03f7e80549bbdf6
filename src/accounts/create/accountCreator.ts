import { recordAudit, type AuditActor } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import { insertAccount, newExternalId } from '../../connect/accountInsert';
import { fieldChanges } from '../../records/fieldChanges';
import type { FieldValues } from '../../records/shownValues';
import { claimSubmission, type Submission } from '../../records/submissions';
import { salesforceUserId } from '../../web/signedInUser';
import type { AccountMapping } from '../accountTable';

export interface AccountCreateOutcome {
  /** False when an earlier post of the same form created the account. */
  created: boolean;
  externalId: string;
}

/**
 * Creates at most one account per New account form, however often it is posted, as contacts
 * are created: the form's token is claimed, the account inserted with a fresh External ID
 * (Connect's upsert key) and the audit entry written, all in one transaction. The account is
 * owned by the signed-in Salesforce user where OwnerId is mapped; the shared sign-in is no
 * Salesforce user, so Salesforce picks the owner then.
 */
export function accountCreator(audit: AuditLog) {
  return (
    mapping: AccountMapping,
    submission: Submission,
    values: FieldValues,
    actor: AuditActor,
  ): Promise<AccountCreateOutcome> =>
    audit.inTransaction(async (client) => {
      const externalId = newExternalId();
      const earlier = await claimSubmission(client, submission, externalId);
      if (earlier !== null) return { created: false, externalId: earlier };
      const ownerId = salesforceUserId(actor.user);
      const rowId = await insertAccount(client, mapping, externalId, values, ownerId);
      await recordAudit(client, {
        action: 'create',
        actor,
        object: 'account',
        contact: { key: externalId, rowId, sfid: null, externalId },
        changes: fieldChanges(mapping.account.fields, {}, values),
      });
      return { created: true, externalId };
    });
}
