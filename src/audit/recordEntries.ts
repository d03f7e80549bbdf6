import type { AuditAction, AuditedChange, AuditedObject } from './auditEntry';
import { AUDIT_TABLE } from './auditTable';

/** One entry about a record, as its page lists it. */
export interface RecordAuditEntry {
  at: Date;
  action: AuditAction;
  userName: string;
  changes: AuditedChange[];
  detail: string | null;
}

/** SQL naming each name a record may have been recorded under. */
export interface RecordNamesSql {
  sfid: string;
  externalId: string;
  key: string;
}

/** An entry as recordEntriesJson gives it: its time as ISO text. */
export interface RecordEntryJson {
  at: string;
  action: AuditAction;
  user_name: string;
  changes: AuditedChange[];
  detail: string | null;
}

/**
 * A record's latest entries, newest first, as a JSON array (null when there are none): an
 * expression for the statement that reads the record, so its page costs one round trip.
 *
 * A record is recorded under the names it had at the time (an app-created one has only its
 * External ID until Connect gives it an sfid), so an entry matches by any of them. Each name's
 * newest entries come from its own `(column, id)` index, so the query reads at most `limit`
 * index entries per name however long the trail grows. The object is a literal from the
 * allow-list, never input; an sfid or External ID names one record of one object anyway, and
 * the check keeps a contact's entries off an account's page should a key ever be shared.
 */
export function recordEntriesJson(
  object: AuditedObject,
  names: RecordNamesSql,
  limit: number,
): string {
  const newest = (column: string, name: string) =>
    `(SELECT id FROM ${AUDIT_TABLE} WHERE ${column} = ${name} AND object = '${object}'
       ORDER BY id DESC LIMIT ${limit})`;
  return `(SELECT json_agg(entry ORDER BY entry.id DESC)
             FROM (SELECT id, at, action, user_name, changes, detail FROM ${AUDIT_TABLE}
                    WHERE id IN (${newest('sfid', names.sfid)} UNION ALL
                                 ${newest('external_id', names.externalId)} UNION ALL
                                 ${newest('contact_key', names.key)})
                    ORDER BY id DESC LIMIT ${limit}) AS entry)`;
}

export function recordEntriesFromJson(rows: RecordEntryJson[] | null): RecordAuditEntry[] {
  return (rows ?? []).map((row) => ({
    at: new Date(row.at),
    action: row.action,
    userName: row.user_name,
    changes: row.changes,
    detail: row.detail,
  }));
}
