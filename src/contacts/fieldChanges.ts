import type { AuditedChange, AuditedContact } from '../audit/auditEntry';
import type { ContactField } from '../connect/contactFields';
import type { Contact, ContactValues } from './contact';

/** The contact by every name its card can be found under later, as the audit trail keeps it. */
export function auditedContact({ key, rowId, sfid, externalId }: Contact): AuditedContact {
  return { key, rowId, sfid, externalId };
}

/**
 * Each field whose value differs between before and after, in form order: a create is from
 * nothing, a delete is to nothing, and a delete's second look is from what its page showed to
 * what the row holds now. An empty value and a missing one are the same (NULL).
 */
export function fieldChanges(
  fields: readonly ContactField[],
  before: ContactValues,
  after: ContactValues,
): AuditedChange[] {
  return fields
    .map(({ column, label }) => ({
      field: column,
      label,
      from: before[column] ?? '',
      to: after[column] ?? '',
    }))
    .filter((change) => change.from !== change.to);
}
