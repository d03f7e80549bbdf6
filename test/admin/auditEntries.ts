import type { AuditAction, AuditedChange } from '../../src/audit/auditEntry';
import { AUDIT_TABLE } from '../../src/audit/auditTable';
import type { Database } from '../../src/db/database';
import { decodeHtml } from '../support/httpUser';

/** An entry as a test writes it; what it leaves out is an edit by Ada Admin at now(). */
export interface EntrySeed {
  requestId: string;
  action?: AuditAction;
  at?: string;
  userId?: string;
  username?: string;
  userName?: string;
  contactKey?: string | null;
  sfid?: string | null;
  externalId?: string | null;
  changes?: AuditedChange[];
  detail?: string | null;
}

/** Writes the entries in order, in one statement, so ids follow the order given. */
export async function insertEntries(db: Database, entries: EntrySeed[]): Promise<void> {
  await db.query(
    `INSERT INTO ${AUDIT_TABLE}
         (at, action, user_id, username, user_name, contact_key, sfid, external_id, changes,
          detail, request_id)
       SELECT coalesce(e.at, now()), coalesce(e.action, 'edit'), coalesce(e.user_id, 'U-ADA'),
              coalesce(e.username, 'ada@example.com'), coalesce(e.user_name, 'Ada Admin'),
              e.contact_key, e.sfid, e.external_id, coalesce(e.changes, '[]'), e.detail,
              e.request_id
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
                at timestamptz, action text, user_id text, username text, user_name text,
                contact_key text, sfid text, external_id text, changes jsonb, detail text,
                request_id text)) WITH ORDINALITY AS e
        ORDER BY e.ordinality`,
    [
      JSON.stringify(
        entries.map((entry) => ({
          at: entry.at,
          action: entry.action,
          user_id: entry.userId,
          username: entry.username,
          user_name: entry.userName,
          contact_key: entry.contactKey,
          sfid: entry.sfid,
          external_id: entry.externalId,
          changes: entry.changes,
          detail: entry.detail,
          request_id: entry.requestId,
        })),
      ),
    ],
  );
}

/** The request ids of the entries a page lists, top to bottom: each test gives every entry one. */
export function listedRequestIds(html: string): string[] {
  return Array.from(
    html.matchAll(/data-label="Request id" class="long-value"><bdi>([^<]*)<\/bdi>/g),
    ([, id = '']) => decodeHtml(id),
  );
}

/** Where the page's "Older entries" link goes, or null when it has none. */
export function olderHref(html: string): string | null {
  const href = /<a href="([^"]+)" rel="next">Older entries/.exec(html)?.[1];
  return href === undefined ? null : decodeHtml(href);
}
