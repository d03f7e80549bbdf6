import type { AuditedChange } from '../../audit/auditEntry';
import type { ContactField } from '../../connect/contactFields';
import { isolatedParts } from '../../web/isolated';
import type { Contact } from '../contact';
import { contactLinks } from '../contactLinks';
import { encodeShown } from '../../records/shownValues';

/** The confirmation shows what is about to be deleted, and carries it, to compare on delete. */
export function deleteView(
  contact: Contact,
  fields: readonly ContactField[],
  changes: AuditedChange[] | null,
) {
  return {
    title: `Delete ${isolatedParts(contact.nameParts)}?`,
    contact,
    links: contactLinks(contact),
    details: fields
      .filter(({ column }) => contact.values[column])
      .map(({ label, column }) => ({ label, value: contact.values[column] ?? '' })),
    changes: changes?.map(({ label, from, to }) => ({ label, was: from, now: to })) ?? null,
    shown: encodeShown(contact.values),
  };
}
