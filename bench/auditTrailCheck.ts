import type { AuditAction, AuditedChange } from '../src/audit/auditEntry';
import { AUDIT_TABLE } from '../src/audit/auditTable';
import type { Database } from '../src/db/database';
import type { EditRecord } from './editAudit';
import type { SoakUser } from './soakUsers';

export interface UserCounts {
  user: string;
  canEdit: boolean;
  clients: number;
  signIns: number;
  saved: number;
  merged: number;
  conflicts: number;
  forbidden: number;
  editEntries: number;
  refusedEntries: number;
}

export interface AuditTrailCheck {
  /** Saved edits (303) without exactly one `edit` entry of their request, author and change. */
  unmatched: string[];
  /** Entries no save explains: of a conflict (409), or an edit entry of no saved request. */
  unexplained: string[];
  /** Edits refused for the role (403) without exactly one `refused` entry by their user. */
  unrecorded: string[];
  users: UserCounts[];
}

interface EntryRow {
  action: AuditAction;
  user_id: string;
  username: string;
  sfid: string | null;
  changes: AuditedChange[];
  request_id: string | null;
}

/** The id of the newest entry: the run's own entries are the ones after it. */
export async function lastAuditId(db: Database): Promise<string> {
  const result = await db.query<{ id: string }>(
    `SELECT coalesce(max(id), 0)::text AS id FROM ${AUDIT_TABLE}`,
  );
  return result.rows[0]?.id ?? '0';
}

/**
 * Reads the entries written since `afterId` from the database and holds them against what the
 * clients were told, request by request (the app answers with the X-Request-ID it records):
 * every saved edit has exactly one `edit` entry, by the client's user, about its contact,
 * changing exactly its field from the value its form showed to the value it saved; a conflict
 * has none; a refusal for the role has exactly one `refused` entry; and no edit entry is left
 * over. Only the soak writes to its database, so every edit entry of the run is a client's.
 */
export async function checkAuditTrail(
  db: Database,
  afterId: string,
  edits: EditRecord[],
  clients: SoakUser[],
): Promise<AuditTrailCheck> {
  const result = await db.query<EntryRow>(
    `SELECT action, user_id, username, sfid, changes, request_id FROM ${AUDIT_TABLE}
      WHERE id > $1::bigint ORDER BY id`,
    [afterId],
  );
  const byRequest = new Map<string, EntryRow[]>();
  for (const entry of result.rows) {
    const own = byRequest.get(entry.request_id ?? '') ?? [];
    own.push(entry);
    byRequest.set(entry.request_id ?? '', own);
  }
  const check: AuditTrailCheck = { unmatched: [], unexplained: [], unrecorded: [], users: [] };
  const saved = new Set<string>();
  const userOf = new Map(clients.map((user) => [user.key, user]));
  for (const edit of edits) {
    const user = userOf.get(edit.user);
    const entries = byRequest.get(edit.requestId ?? '') ?? [];
    const [entry, ...more] = entries;
    const what = () =>
      `${edit.user}'s ${edit.outcome} edit of ${edit.sfid} ${edit.field} to "${edit.saved}" ` +
      `(request ${edit.requestId ?? 'without an id'}) has ${entries.length} entries: ${JSON.stringify(entries)}`;
    if (edit.outcome === 'acknowledged') {
      if (edit.requestId) saved.add(edit.requestId);
      const recorded = user && edit.requestId && entry && more.length === 0;
      if (!recorded || !recordsEdit(entry, edit, user)) check.unmatched.push(what());
    } else if (edit.outcome === 'refused' && entry) {
      check.unexplained.push(what());
    } else if (edit.outcome === 'forbidden') {
      const recorded = edit.requestId && entry && more.length === 0;
      if (!recorded || entry.action !== 'refused' || entry.user_id !== user?.userId) {
        check.unrecorded.push(what());
      }
    }
  }
  for (const entry of result.rows) {
    if (entry.action === 'edit' && !saved.has(entry.request_id ?? '')) {
      check.unexplained.push(`an edit entry no saved request explains: ${JSON.stringify(entry)}`);
    }
  }
  check.users = countsByUser(clients, edits, result.rows);
  return check;
}

function recordsEdit(entry: EntryRow, edit: EditRecord, user: SoakUser): boolean {
  const [change, ...more] = entry.changes;
  return (
    entry.action === 'edit' &&
    entry.user_id === user.userId &&
    entry.username === user.username &&
    entry.sfid === edit.sfid &&
    more.length === 0 &&
    change?.field === edit.field &&
    change.from === edit.seen &&
    change.to === edit.saved
  );
}

function countsByUser(clients: SoakUser[], edits: EditRecord[], entries: EntryRow[]): UserCounts[] {
  const keys = [...new Set(clients.map((user) => user.key))];
  return keys.map((key) => {
    const user = clients.find((client) => client.key === key);
    const own = edits.filter((edit) => edit.user === key);
    const outcome = (name: EditRecord['outcome']) =>
      own.filter((edit) => edit.outcome === name).length;
    const entriesOf = (action: AuditAction) =>
      entries.filter((entry) => entry.action === action && entry.user_id === user?.userId).length;
    return {
      user: key,
      canEdit: user?.canEdit ?? false,
      clients: clients.filter((client) => client.key === key).length,
      signIns: entriesOf('sign_in'),
      saved: outcome('acknowledged'),
      merged: own.filter((edit) => edit.merged).length,
      conflicts: outcome('refused'),
      forbidden: outcome('forbidden'),
      editEntries: entriesOf('edit'),
      refusedEntries: entriesOf('refused'),
    };
  });
}
