import { AUDIT_ACTIONS, type AuditAction, type AuditedChange } from '../audit/auditEntry';
import {
  AUDIT_FILTER_FIELDS,
  MAX_FILTER_TEXT,
  type AuditFilterField,
  type AuditFilters,
  type AuditQuery,
} from '../audit/auditFilters';
import type { AuditRecord } from '../audit/auditQuery';
import { accountPath, cardPath } from '../connect/contactKey';
import { batchPath } from '../records/batchPath';
import { shownTime, type ShownTime } from '../web/localTime';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_PATH = '/audit';
export const AUDIT_CSV_PATH = '/audit.csv';

const ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  edit: 'Edited',
  delete: 'Deleted',
  retry: 'Retried',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  sign_out_everywhere: 'Signed out everywhere',
  sign_out_elsewhere: 'Signed out everywhere else',
  refused: 'Refused',
};

export interface AuditEntryView {
  time: ShownTime;
  userName: string;
  username: string;
  action: string;
  contact: { key: string; href: string } | null;
  changes: AuditedChange[];
  detail: string | null;
  requestId: string | null;
  /** The page of the bulk action this entry is one row of. */
  batchHref: string | null;
}

export interface AuditPageView {
  title: string;
  /** The reader's zone, which the times are shown in. The From and To days stay UTC days. */
  timeZone: string;
  typed: Record<AuditFilterField, string>;
  errors: AuditQuery['errors'];
  /** The summary above the form: each problem, linked to its field when it has one. */
  problems: { message: string; href: string | null }[];
  actions: { value: AuditAction; label: string }[];
  maxTextLength: number;
  /** Null when the filters had errors and nothing was read. */
  entries: AuditEntryView[] | null;
  filtered: boolean;
  csvHref: string | null;
  olderHref: string | null;
  newestHref: string | null;
}

/**
 * The page for a query and the entries read for it: `entries` holds one more than a page when
 * there are older ones, and is null when the query had errors and nothing was read.
 */
export function auditPageView(
  query: AuditQuery,
  entries: AuditRecord[] | null,
  timeZone: string,
): AuditPageView {
  const shown = entries?.slice(0, AUDIT_PAGE_SIZE) ?? null;
  const lastShown = shown?.at(-1);
  const hasOlder = entries !== null && entries.length > AUDIT_PAGE_SIZE;
  return {
    title: 'Audit trail',
    timeZone,
    typed: query.typed,
    errors: query.errors,
    problems: Object.entries(query.errors).map(([field, message]) => ({
      message,
      href: field === 'before' ? null : `#filter-${field}`,
    })),
    actions: AUDIT_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value] })),
    maxTextLength: MAX_FILTER_TEXT,
    entries: shown?.map((entry) => entryView(entry, timeZone)) ?? null,
    filtered: AUDIT_FILTER_FIELDS.some((field) => query.filters[field] !== null),
    csvHref: shown === null ? null : withFilters(AUDIT_CSV_PATH, query.filters),
    olderHref: hasOlder && lastShown ? withFilters(AUDIT_PATH, query.filters, lastShown.id) : null,
    newestHref: query.before === null ? null : withFilters(AUDIT_PATH, query.filters),
  };
}

function entryView(entry: AuditRecord, timeZone: string): AuditEntryView {
  return {
    time: shownTime(entry.at, 'second', timeZone),
    userName: entry.userName,
    username: entry.username,
    action: ACTION_LABELS[entry.action],
    contact: entry.contactKey === null ? null : recordLink(entry, entry.contactKey),
    changes: entry.changes,
    detail: entry.detail,
    requestId: entry.requestId,
    batchHref: entry.batchId === null ? null : batchPath(entry.batchId),
  };
}

/** The page of the record an entry is about: an account's entries lead to its account page. */
function recordLink(entry: AuditRecord, key: string): { key: string; href: string } {
  return { key, href: entry.object === 'account' ? accountPath(key) : cardPath(key) };
}

/** A link that keeps the filters, leaving out the empty ones so it stays short. */
function withFilters(path: string, filters: AuditFilters, before?: string): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = filters[field];
    if (value !== null) params.set(field, value);
  }
  if (before !== undefined) params.set('before', before);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
