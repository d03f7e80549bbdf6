import type { Database } from '../db/database';
import type { AuditAction, AuditedChange, AuditedContact } from './auditEntry';
import { AUDIT_TABLE, auditTable } from './auditTable';

/** One entry about a contact, as its card lists it. */
export interface ContactAuditEntry {
  at: Date;
  action: AuditAction;
  userName: string;
  changes: AuditedChange[];
  detail: string | null;
}

export type ContactEntries = (
  contact: Pick<AuditedContact, 'key' | 'sfid' | 'externalId'>,
  limit: number,
) => Promise<ContactAuditEntry[]>;

interface EntryRow {
  at: Date;
  action: AuditAction;
  user_name: string;
  changes: AuditedChange[];
  detail: string | null;
}

/**
 * A contact's latest entries, newest first. A contact is recorded under the names it had at the
 * time (an app-created one has only its External ID until Connect gives it an sfid), so an entry
 * matches by any of them. Each name's newest entries come from its own `(column, id)` index,
 * so the query reads at most `limit` index entries per name however long the trail grows.
 */
export function contactEntries(db: Database): ContactEntries {
  const withTable = auditTable(db);
  const newest = (column: string, param: number) =>
    `(SELECT id FROM ${AUDIT_TABLE} WHERE ${column} = $${param} ORDER BY id DESC LIMIT $4)`;
  return (contact, limit) =>
    withTable(async () => {
      const result = await db.query<EntryRow>(
        `SELECT at, action, user_name, changes, detail FROM ${AUDIT_TABLE}
          WHERE id IN (${newest('sfid', 1)} UNION ALL ${newest('external_id', 2)}
                       UNION ALL ${newest('contact_key', 3)})
          ORDER BY id DESC LIMIT $4`,
        [contact.sfid, contact.externalId, contact.key, limit],
      );
      return result.rows.map((row) => ({
        at: row.at,
        action: row.action,
        userName: row.user_name,
        changes: row.changes,
        detail: row.detail,
      }));
    });
}
