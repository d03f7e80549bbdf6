import type { AuditedContact } from '../audit/auditEntry';
import type { Contact } from './contact';

/** The contact by every name its card can be found under later, as the audit trail keeps it. */
export function auditedContact({ key, rowId, sfid, externalId }: Contact): AuditedContact {
  return { key, rowId, sfid, externalId };
}
