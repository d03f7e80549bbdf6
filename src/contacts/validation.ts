import type { ContactValues } from './contact';
import type { ContactField } from '../connect/contactFields';
import { UNREADABLE_TEXT } from '../web/formBody';

export type FieldErrors = Record<string, string>;

export type ValidationResult =
  { ok: true; values: ContactValues } | { ok: false; values: ContactValues; errors: FieldErrors };

// Salesforce accepts RFC 5322 local parts and internationalised domains; it rejects spaces,
// a missing or dotless domain and leading/trailing dots (INVALID_EMAIL_ADDRESS).
const EMAIL =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@([\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,}$/u;
// Postgres rejects NUL outright and Salesforce strips other control characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAKS = /[\r\n\t]/;

/**
 * Trims and checks submitted values against Salesforce's rules for each of these fields. A
 * value the form parser could not decode is refused whatever it would have been.
 */
export function validateContact(
  body: Record<string, unknown>,
  fields: readonly ContactField[],
  unreadable: ReadonlySet<string> = new Set(),
): ValidationResult {
  const values: ContactValues = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const raw = body[field.column];
    const trimmed = typeof raw === 'string' ? raw.trim() : '';
    // Check what will be stored: lower-casing can lengthen an address ("İ" becomes "i̇").
    const value = field.kind === 'email' ? trimmed.toLowerCase() : trimmed;
    values[field.column] = value;
    const error = unreadable.has(field.column)
      ? UNREADABLE_TEXT
      : Array.isArray(raw)
        ? 'Enter a single value.'
        : problemWith(field, value);
    if (error) errors[field.column] = error;
  }
  return Object.keys(errors).length > 0 ? { ok: false, values, errors } : { ok: true, values };
}

function problemWith(field: ContactField, value: string): string | null {
  if (value === '') return field.required ? `${field.label} is required.` : null;
  // varchar(n) counts code points, so emoji count once, as Postgres will count them.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are intended
  const length = [...value].length;
  if (length > field.maxLength) {
    return `${field.label} can be at most ${field.maxLength.toLocaleString('en-US')} characters (you entered ${length.toLocaleString('en-US')}).`;
  }
  if (CONTROL_CHARACTERS.test(value) || (field.kind !== 'longtext' && LINE_BREAKS.test(value))) {
    return `${field.label} contains control characters or line breaks that can't be saved.`;
  }
  if (field.kind === 'email' && !EMAIL.test(value)) {
    return 'Enter an email address like name@example.com.';
  }
  return null;
}
