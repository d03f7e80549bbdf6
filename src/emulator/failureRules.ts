import { ACCOUNT_FIELDS } from '../connect/accountFields';
import { CONTACT_FIELDS, type ContactField } from '../connect/contactFields';
import { ACCOUNT_OBJECT, CONTACT_OBJECT, type MappedObject } from '../connect/mappedObject';
import { salesforceLength } from '../connect/salesforceText';

/**
 * The emulator's stand-ins for Salesforce rejecting a save, so the failure path can be shown
 * and tested without Salesforce. They are deterministic and read the row as it is when sent:
 *
 * - Contact: an email at the domain `invalid.example` (or a subdomain of it) is rejected with
 *   `INVALID_EMAIL_ADDRESS`, Salesforce's error for a bad email; a last name containing
 *   `DUPLICATE` is rejected with `DUPLICATES_DETECTED`, as a blocking duplicate rule would;
 * - Account: a name containing `DUPLICATE` is rejected with `DUPLICATES_DETECTED`;
 * - both: a text longer than its field takes, counted as Salesforce counts
 *   (`connect/salesforceText`), is rejected with `STRING_TOO_LONG`: Postgres's varchar counts
 *   code points and lets through what Salesforce refuses;
 * - both, checked against other rows by sendEntry.ts: an owner (`ownerid`) whose `"user"` row
 *   is inactive is rejected with `INACTIVE_OWNER_OR_USER` (inactiveOwner below), and a
 *   contact whose relationship External ID names no account that Salesforce has (no account
 *   row with that External ID and an sfid) is rejected with `INVALID_FIELD`
 *   (parentNotFound below), as Salesforce refuses a foreign key it cannot resolve.
 *
 * Every other insert and update succeeds.
 */
/** The row as sent, by column; a column the mapping lacks is absent. */
export type SentRow = Readonly<Record<string, unknown>>;

const INVALID_EMAIL_DOMAIN = /@(?:[^@]+\.)?invalid\.example$/i;
const DUPLICATE_MARK = 'DUPLICATE';
const DUPLICATES_DETECTED = 'DUPLICATES_DETECTED: Use one of these records?';

export function salesforceRejection(
  row: SentRow,
  object: Pick<MappedObject, 'objectName'> = CONTACT_OBJECT,
): string | null {
  if (object.objectName === ACCOUNT_OBJECT.objectName) {
    if (typeof row.name === 'string' && row.name.includes(DUPLICATE_MARK)) {
      return DUPLICATES_DETECTED;
    }
    return tooLong(row, ACCOUNT_FIELDS);
  }
  const { email, lastname } = row;
  if (typeof email === 'string' && INVALID_EMAIL_DOMAIN.test(email)) {
    return `INVALID_EMAIL_ADDRESS: Email: invalid email address: ${email}`;
  }
  if (typeof lastname === 'string' && lastname.includes(DUPLICATE_MARK)) {
    return DUPLICATES_DETECTED;
  }
  return tooLong(row, CONTACT_FIELDS);
}

/** Salesforce's answer when a record is saved with an inactive owner. */
export function inactiveOwner(ownerId: string, object: Pick<MappedObject, 'table'>): string {
  return `INACTIVE_OWNER_OR_USER: operation performed with inactive user [${ownerId}] as owner of ${object.table}`;
}

/** Salesforce's answer when a relationship External ID names no parent record. */
export function parentNotFound(
  externalId: string,
  parent: Pick<MappedObject, 'objectName' | 'externalIdApiName'>,
): string {
  return `INVALID_FIELD: Foreign key external ID: ${externalId} not found for field ${String(parent.externalIdApiName)} in entity ${parent.objectName}`;
}

function tooLong(row: SentRow, fields: readonly ContactField[]): string | null {
  for (const field of fields) {
    const value = row[field.column];
    if (typeof value === 'string' && salesforceLength(value) > field.maxLength) {
      return `STRING_TOO_LONG: ${field.label}: data value too large: ${value} (max length=${field.maxLength})`;
    }
  }
  return null;
}
