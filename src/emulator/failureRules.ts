import { CONTACT_FIELDS } from '../connect/contactFields';
import { salesforceLength } from '../connect/salesforceText';

/**
 * The emulator's stand-ins for Salesforce rejecting a save, so the failure path can be shown
 * and tested without Salesforce. They are deterministic and read the row as it is when sent:
 *
 * - an email at the domain `invalid.example` (or a subdomain of it) is rejected with
 *   `INVALID_EMAIL_ADDRESS`, Salesforce's error for a bad email;
 * - a last name containing `DUPLICATE` is rejected with `DUPLICATES_DETECTED`, as a blocking
 *   duplicate rule would;
 * - a text longer than its field takes, counted as Salesforce counts (`connect/salesforceText`),
 *   is rejected with `STRING_TOO_LONG`: Postgres's varchar counts code points and lets through
 *   what Salesforce refuses.
 *
 * Every other insert and update succeeds.
 */
/** The row as sent, by column; a column the mapping lacks is absent. */
export type SentContact = Readonly<Record<string, unknown>>;

const INVALID_EMAIL_DOMAIN = /@(?:[^@]+\.)?invalid\.example$/i;

export function salesforceRejection(contact: SentContact): string | null {
  const { email, lastname } = contact;
  if (typeof email === 'string' && INVALID_EMAIL_DOMAIN.test(email)) {
    return `INVALID_EMAIL_ADDRESS: Email: invalid email address: ${email}`;
  }
  if (typeof lastname === 'string' && lastname.includes('DUPLICATE')) {
    return 'DUPLICATES_DETECTED: Use one of these records?';
  }
  return tooLong(contact);
}

function tooLong(contact: SentContact): string | null {
  for (const field of CONTACT_FIELDS) {
    const value = contact[field.column];
    if (typeof value === 'string' && salesforceLength(value) > field.maxLength) {
      return `STRING_TOO_LONG: ${field.label}: data value too large: ${value} (max length=${field.maxLength})`;
    }
  }
  return null;
}
