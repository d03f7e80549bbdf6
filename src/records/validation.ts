import type { FieldValues } from './shownValues';
import type { ContactField } from '../connect/contactFields';
import { salesforceLength, salesforceText, tooLongMessage } from '../connect/salesforceText';
import { UNREADABLE_TEXT } from '../web/formBody';
import { unshownCharactersIn, withVisibleControls } from './unshownCharacters';

export type FieldErrors = Record<string, string>;

/**
 * `values` are what to store. `typed` are what a form shows again: as typed (only trimmed and
 * in NFC, which looks the same), never lower-cased, with the characters a form cannot show
 * replaced by visible ones, so the person sees what they sent and what to fix.
 */
export type ValidationResult =
  | { ok: true; values: FieldValues; typed: FieldValues }
  | { ok: false; typed: FieldValues; errors: FieldErrors };

// Salesforce accepts RFC 5322 local parts and internationalised domains; it rejects spaces,
// a missing or dotless domain and leading/trailing dots (INVALID_EMAIL_ADDRESS).
const EMAIL =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@([\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,}$/u;
const LINE_BREAKS = /[\r\n\t]/;

/**
 * Trims, normalises and checks submitted values against Salesforce's rules for each of these
 * fields. A value the form parser could not decode is refused whatever it would have been.
 */
export function validateFields(
  body: Record<string, unknown>,
  fields: readonly ContactField[],
  unreadable: ReadonlySet<string> = new Set(),
): ValidationResult {
  const stored: FieldValues = {};
  const typed: FieldValues = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const raw = body[field.column];
    const text = salesforceText(typeof raw === 'string' ? raw.trim() : '');
    // Salesforce stores addresses lower-cased. Check what will be stored: lower-casing can
    // lengthen an address ("İ" becomes "i̇").
    const value = field.kind === 'email' ? salesforceText(text.toLowerCase()) : text;
    stored[field.column] = value;
    typed[field.column] = withVisibleControls(text);
    const error = unreadable.has(field.column)
      ? UNREADABLE_TEXT
      : Array.isArray(raw)
        ? 'Enter a single value.'
        : problemWith(field, value);
    if (error) errors[field.column] = error;
  }
  return Object.keys(errors).length > 0
    ? { ok: false, typed, errors }
    : { ok: true, values: stored, typed };
}

function problemWith(field: ContactField, value: string): string | null {
  if (value === '') return field.required ? `${field.label} is required.` : null;
  const unshown = unshownCharactersIn(value);
  if (unshown.length > 0) {
    const names = unshown.map(({ name, picture }) => `${name} (shown as ${picture})`);
    const them = unshown.length === 1 ? 'it' : 'them';
    return `${field.label} contains ${LIST.format(names)}, which can't be saved: remove ${them}.`;
  }
  if (field.kind !== 'longtext' && LINE_BREAKS.test(value)) {
    return `${field.label} contains line breaks or tabs, which this field can't hold.`;
  }
  const length = salesforceLength(value);
  if (length > field.maxLength) return tooLongMessage(field.label, field.maxLength, length);
  if (field.kind === 'email' && !EMAIL.test(value)) {
    return 'Enter an email address like name@example.com.';
  }
  return null;
}

const LIST = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
