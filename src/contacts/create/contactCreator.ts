import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../audit/auditEntry';
import { OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { salesforceUserId } from '../../web/signedInUser';
import { accountLinkColumns } from '../accountField';
import { accountChange, accountLink, type ChosenAccount } from '../accountLinking';
import type { AuditLog } from '../../audit/auditLog';
import type { Mapping } from '../../connect/mapping';
import { fieldChanges } from '../../records/fieldChanges';
import type { ContactValues } from '../contact';
import { insertContact } from '../contactRepository';
import { claimSubmission, type Submission } from '../../records/submissions';

export interface CreateOutcome {
  /** False when an earlier post of the same form created the contact. */
  created: boolean;
  externalId: string;
}

export type CreateContact = (
  mapping: Mapping,
  submission: Submission,
  values: ContactValues,
  actor: AuditActor,
  /** Columns outside the form that the insert sets too (see editedBy.ts). */
  alsoWrite: ContactValues,
  /** The Account field, resolved; a new account is inserted in the same transaction. */
  account: ChosenAccount,
) => Promise<CreateOutcome>;

/**
 * Creates at most one contact per form, however often it is posted: a double click, a resent
 * form or a browser's retry. The form's token is claimed and the contact inserted in one
 * transaction, so a post of the same form that arrives meanwhile waits on the token's key until
 * the first commits and then finds its contact, or, if the first rolled back, creates it.
 * Only the post that creates the contact records it in the audit trail, in that transaction.
 */
export function contactCreator(audit: AuditLog): CreateContact {
  return (mapping, submission, values, actor, alsoWrite, account) =>
    audit.inTransaction(async (client) => {
      const externalId = randomUUID().replaceAll('-', '');
      const earlier = await claimSubmission(client, submission, externalId);
      if (earlier !== null) return { created: false, externalId: earlier };
      const ownerId = mapping.owners ? salesforceUserId(actor.user) : null;
      const link = await accountLink(client, mapping, account, actor, ownerId);
      const related = nonEmpty({
        ...accountLinkColumns(mapping, link),
        ...(ownerId === null ? {} : { [OWNER_ID_COLUMN]: ownerId }),
      });
      const rowId = await insertContact(client, mapping, externalId, values, {
        ...alsoWrite,
        ...related,
      });
      await recordAudit(client, {
        action: 'create',
        actor,
        contact: { key: externalId, rowId, sfid: null, externalId },
        changes: [...fieldChanges(mapping.fields, {}, values), ...accountChange(account)],
      });
      return { created: true, externalId };
    });
}

/** An insert leaves an empty lookup NULL rather than writing an empty string. */
function nonEmpty(values: ContactValues): ContactValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
