import type { AuditAction, AuditedChange } from './auditEntry';
import { AUDIT_TABLE } from './auditTable';

/** One entry about a contact, as its card lists it. */
export interface ContactAuditEntry {
  at: Date;
  action: AuditAction;
  userName: string;
  changes: AuditedChange[];
  detail: string | null;
}

/** SQL naming each name a contact may have been recorded under. */
export interface ContactNamesSql {
  sfid: string;
  externalId: string;
  key: string;
}

/** An entry as contactEntriesJson gives it: its time as ISO text. */
export interface ContactEntryJson {
  at: string;
  action: AuditAction;
  user_name: string;
  changes: AuditedChange[];
  detail: string | null;
}

/**
 * A contact's latest entries, newest first, as a JSON array (null when there are none): an
 * expression for the statement that reads the contact, so its card costs one round trip.
 *
 * A contact is recorded under the names it had at the time (an app-created one has only its
 * External ID until Connect gives it an sfid), so an entry matches by any of them. Each name's
 * newest entries come from its own `(column, id)` index, so the query reads at most `limit`
 * index entries per name however long the trail grows.
 */
export function contactEntriesJson(names: ContactNamesSql, limit: number): string {
  const newest = (column: string, name: string) =>
    `(SELECT id FROM ${AUDIT_TABLE} WHERE ${column} = ${name} ORDER BY id DESC LIMIT ${limit})`;
  return `(SELECT json_agg(entry ORDER BY entry.id DESC)
             FROM (SELECT id, at, action, user_name, changes, detail FROM ${AUDIT_TABLE}
                    WHERE id IN (${newest('sfid', names.sfid)} UNION ALL
                                 ${newest('external_id', names.externalId)} UNION ALL
                                 ${newest('contact_key', names.key)})
                    ORDER BY id DESC LIMIT ${limit}) AS entry)`;
}

export function contactEntriesFromJson(rows: ContactEntryJson[] | null): ContactAuditEntry[] {
  return (rows ?? []).map((row) => ({
    at: new Date(row.at),
    action: row.action,
    userName: row.user_name,
    changes: row.changes,
    detail: row.detail,
  }));
}
