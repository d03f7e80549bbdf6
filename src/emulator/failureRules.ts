/**
 * The emulator's stand-ins for Salesforce rejecting a save, so the failure path can be shown
 * and tested without Salesforce. They are deterministic and read the row as it is when sent:
 *
 * - an email at the domain `invalid.example` (or a subdomain of it) is rejected with
 *   `INVALID_EMAIL_ADDRESS`, Salesforce's error for a bad email;
 * - a last name containing `DUPLICATE` is rejected with `DUPLICATES_DETECTED`, as a blocking
 *   duplicate rule would.
 *
 * Every other insert and update succeeds.
 */
export interface SentContact {
  email: string | null;
  lastname: string | null;
}

const INVALID_EMAIL_DOMAIN = /@(?:[^@]+\.)?invalid\.example$/i;

export function salesforceRejection(contact: SentContact): string | null {
  if (contact.email && INVALID_EMAIL_DOMAIN.test(contact.email)) {
    return `INVALID_EMAIL_ADDRESS: Email: invalid email address: ${contact.email}`;
  }
  if (contact.lastname?.includes('DUPLICATE')) {
    return 'DUPLICATES_DETECTED: Use one of these records?';
  }
  return null;
}
