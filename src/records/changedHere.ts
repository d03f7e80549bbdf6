import type { AuditAction } from '../audit/auditEntry';
import type { RecordAuditEntry } from '../audit/recordEntries';
import { shownTime, type ShownTime } from '../web/localTime';

/** Enough to see which app user caused which of Connect's writes; the audit page has the rest. */
export const CARD_ENTRIES = 5;

const ACTION_TEXT: Partial<Record<AuditAction, string>> = {
  create: 'Created',
  edit: 'Edited',
  delete: 'Deleted',
  retry: 'Retried',
};

export interface ChangedHereEntry {
  who: string;
  /** To the second, as the write history beside it, so the two can be matched up. */
  time: ShownTime;
  action: string;
  /** The labels of the fields it changed, or what it did when it changed none (a retry). */
  what: string;
}

/** "Changed in Contact Card" on a record's page: one of the latest audit entries about it. */
export function changedHereEntry(entry: RecordAuditEntry, timeZone: string): ChangedHereEntry {
  return {
    who: entry.userName,
    time: shownTime(entry.at, 'second', timeZone),
    action: ACTION_TEXT[entry.action] ?? entry.action,
    what:
      entry.changes.length > 0
        ? entry.changes.map((change) => change.label).join(', ')
        : (entry.detail ?? ''),
  };
}
