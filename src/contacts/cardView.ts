import { cardPath } from '../connect/contactKey';
import type { ContactField } from '../connect/contactFields';
import { stateBadge, type Badge } from '../web/badge';
import { utcTime, type ShownTime } from '../web/utcTime';
import type { Contact, ContactValues } from './contact';
import type { FieldErrors } from './validation';

export interface FormField extends ContactField {
  value: string;
  error: string | null;
}

/** Where a contact's pages are, from its key. */
export interface ContactLinks {
  href: string;
  deleteHref: string;
  vcardHref: string;
}

export function contactLinks(contact: Pick<Contact, 'key'>): ContactLinks {
  const href = cardPath(contact.key);
  return { href, deleteHref: `${href}/delete`, vcardHref: `${href}/vcard` };
}

export interface CardView {
  title: string;
  contact: Contact;
  links: ContactLinks;
  badge: Badge;
  /** Whether to say that Connect has yet to send this contact to Salesforce. */
  awaitingSync: boolean;
  modifiedAt: ShownTime | null;
  formFields: FormField[];
  errorCount: number;
  version: string;
}

/** The card with its edit form; after a failed save, the form shows what the user typed. */
export function cardView(
  contact: Contact,
  fields: readonly ContactField[],
  submitted?: { values: ContactValues; errors: FieldErrors; version: string },
): CardView {
  const values = submitted?.values ?? contact.values;
  const errors = submitted?.errors ?? {};
  return {
    title: contact.displayName,
    contact,
    links: contactLinks(contact),
    badge: stateBadge(contact.syncState),
    // An app-inserted row has no sfid until Connect has sent it, whatever its last state says.
    awaitingSync:
      contact.syncState === 'PENDING' || (!contact.sfid && contact.syncState !== 'FAILED'),
    modifiedAt: contact.modifiedAt ? utcTime(contact.modifiedAt, 'minute') : null,
    formFields: formFields(fields, values, errors),
    errorCount: Object.keys(errors).length,
    version: submitted?.version ?? contact.version,
  };
}

/** The form's fields, each with its value and its error, if any. */
export function formFields(
  fields: readonly ContactField[],
  values: Partial<ContactValues>,
  errors: FieldErrors,
): FormField[] {
  return fields.map((field) => ({
    ...field,
    value: values[field.column] ?? '',
    error: errors[field.column] ?? null,
  }));
}

export interface ConflictRow {
  label: string;
  column: string;
  mine: string;
  current: string;
  differs: boolean;
}

export function conflictRows(
  fields: readonly ContactField[],
  mine: ContactValues,
  current: Contact,
): ConflictRow[] {
  return fields.map((field) => {
    const mineValue = mine[field.column] ?? '';
    const currentValue = current.values[field.column] ?? '';
    return {
      label: field.label,
      column: field.column,
      mine: mineValue,
      current: currentValue,
      differs: mineValue !== currentValue,
    };
  });
}
