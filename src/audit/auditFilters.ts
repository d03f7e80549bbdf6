import { AUDIT_ACTIONS, type AuditAction } from './auditEntry';

export const AUDIT_FILTER_FIELDS = ['user', 'contact', 'action', 'from', 'to'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** Salesforce usernames and ids, and contact keys, are at most 80 characters. */
export const MAX_FILTER_TEXT = 100;

/** What narrows the audit trail; null is "any". */
export interface AuditFilters {
  /** A user id or a username, matched exactly. */
  user: string | null;
  /** A contact key, sfid or External ID, matched exactly against each. */
  contact: string | null;
  /** The contact's other names (its sfid and External ID), matched the same way. */
  contactAliases?: readonly string[];
  action: AuditAction | null;
  /** First and last day, both included, as YYYY-MM-DD in UTC. */
  from: string | null;
  to: string | null;
}

export interface AuditQuery {
  filters: AuditFilters;
  /** The keyset of an older page: entries whose id is below this. */
  before: string | null;
  /** The filters as typed, for the form to show again. */
  typed: Record<AuditFilterField, string>;
  /** Why the query cannot run, by field; empty when it can. */
  errors: Partial<Record<AuditFilterField | 'before', string>>;
}

const DAY = /^(\d{4})-\d{2}-\d{2}$/;
const FIRST_YEAR = 1970;
const ID = /^[1-9]\d{0,18}$/;
const MAX_BIGINT = 9_223_372_036_854_775_807n;
// No username, id or key holds one, and Postgres text cannot hold NUL.
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** Reads the audit page's query string, strictly: every mistake is named, never guessed at. */
export function parseAuditQuery(query: Record<string, unknown>): AuditQuery {
  const typed = Object.fromEntries(
    AUDIT_FILTER_FIELDS.map((field) => [field, firstString(query[field]).trim()]),
  ) as Record<AuditFilterField, string>;
  const errors: AuditQuery['errors'] = {};

  const text = (field: 'user' | 'contact', what: string): string | null => {
    const value = typed[field];
    const printable = value.replace(CONTROL_CHARACTERS, '');
    if (value.length > MAX_FILTER_TEXT) {
      errors[field] = `A ${what} is at most ${MAX_FILTER_TEXT} characters.`;
    } else if (printable !== value) {
      errors[field] = 'Control characters are not allowed; they have been taken out. Filter again.';
      typed[field] = printable;
    }
    return value || null;
  };
  const day = (field: 'from' | 'to'): string | null => {
    const value = typed[field];
    if (value && !isDay(value)) {
      errors[field] = 'Enter a date as YYYY-MM-DD, for example 2025-03-07.';
    }
    return value || null;
  };

  const action = AUDIT_ACTIONS.find((candidate) => candidate === typed.action) ?? null;
  if (typed.action && !action) errors.action = 'Choose an action from the list.';
  const filters: AuditFilters = {
    user: text('user', 'username or user id'),
    contact: text('contact', 'contact key'),
    action,
    from: day('from'),
    to: day('to'),
  };
  // Dates in YYYY-MM-DD compare as text.
  if (!errors.from && !errors.to && filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'The last day is before the first day.';
  }

  const before = firstString(query.before);
  if (before && !isEntryId(before)) {
    errors.before = 'This link to older entries is broken. Start again from the newest entries.';
  }
  return { filters, before: before || null, typed, errors };
}

function isDay(text: string): boolean {
  const year = DAY.exec(text)?.[1];
  if (year === undefined || Number(year) < FIRST_YEAR) return false;
  // An impossible day (2025-02-30) rolls over into another; a real one reads back the same.
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function isEntryId(text: string): boolean {
  return ID.test(text) && BigInt(text) <= MAX_BIGINT;
}

// Repeated parameters arrive as arrays; the first value wins, as on the contact list.
function firstString(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}
