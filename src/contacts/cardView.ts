import { cardPath } from '../connect/contactKey';
import type { ContactField } from '../connect/contactFields';
import { stateBadge, type Badge } from '../web/badge';
import { isolated } from '../web/isolated';
import { shownTime, type ShownTime } from '../web/localTime';
import type { Contact, ContactValues } from './contact';
import { needsTextarea } from './formControl';
import { encodeShown } from './shownValues';
import type { FieldErrors } from './validation';

export interface FormField extends ContactField {
  value: string;
  error: string | null;
  textarea: boolean;
  /** A one-line field shown in a textarea, because an input would alter its value. */
  keepsAsIs: boolean;
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
  /** The values the form shows, encoded, so the save can tell what the user changed. */
  shown: string;
}

/**
 * The card with its edit form. After a failed save the form shows what the user typed over
 * what it showed before, and still carries those shown values: the next save merges from them.
 * Times are in `timeZone`, the reader's.
 */
export function cardView(
  contact: Contact,
  fields: readonly ContactField[],
  timeZone: string,
  submitted?: { values: ContactValues; errors: FieldErrors; shown: ContactValues | null },
): CardView {
  const shown = { ...contact.values, ...submitted?.shown };
  const values = { ...shown, ...submitted?.values };
  const errors = submitted?.errors ?? {};
  return {
    title: isolated(contact.displayName),
    contact,
    links: contactLinks(contact),
    badge: stateBadge(contact.syncState),
    // An app-inserted row has no sfid until Connect has sent it, whatever its last state says.
    awaitingSync:
      contact.syncState === 'PENDING' || (!contact.sfid && contact.syncState !== 'FAILED'),
    modifiedAt: contact.modifiedAt ? shownTime(contact.modifiedAt, 'minute', timeZone) : null,
    formFields: formFields(fields, values, errors),
    errorCount: Object.keys(errors).length,
    shown: encodeShown(shown),
  };
}

/** The form's fields, each with its value and its error, if any. */
export function formFields(
  fields: readonly ContactField[],
  values: Partial<ContactValues>,
  errors: FieldErrors,
): FormField[] {
  return fields.map((field) => {
    const value = values[field.column] ?? '';
    const textarea = needsTextarea(field, value);
    return {
      ...field,
      value,
      error: errors[field.column] ?? null,
      textarea,
      keepsAsIs: textarea && field.kind !== 'longtext',
    };
  });
}
