import type { Database } from '../db/database';
import type { AuditAction, AuditedChange, AuditedObject } from './auditEntry';
import type { AuditFilters } from './auditFilters';
import { AUDIT_TABLE } from './auditTable';

/** One entry as the audit page and its download show it. `id` is a bigint, so text. */
export interface AuditRecord {
  id: string;
  at: Date;
  action: AuditAction;
  userId: string;
  username: string;
  userName: string;
  /** Which kind of record contactKey, sfid and externalId name. */
  object: AuditedObject;
  contactKey: string | null;
  sfid: string | null;
  externalId: string | null;
  changes: AuditedChange[];
  detail: string | null;
  requestId: string | null;
  /** The bulk action this entry is one row of. */
  batchId: string | null;
}

/** Up to `limit` entries that match, newest first, all below `before` when it is given. */
export type ReadAuditEntries = (
  filters: AuditFilters,
  before: string | null,
  limit: number,
) => Promise<AuditRecord[]>;

interface EntryRow {
  id: string;
  at: Date;
  action: AuditAction;
  user_id: string;
  username: string;
  user_name: string;
  object: AuditedObject;
  contact_key: string | null;
  sfid: string | null;
  external_id: string | null;
  changes: AuditedChange[];
  detail: string | null;
  request_id: string | null;
  batch_id: string | null;
}

/** The columns a filter's text may equal; an entry matches when any of them does. */
const USER_COLUMNS = ['user_id', 'username'];
const CONTACT_COLUMNS = ['contact_key', 'sfid', 'external_id'];

/**
 * `at` is when the transaction that wrote an entry began and `id` is taken during it, so of two
 * entries whose times are further apart than the longest such transaction, the earlier has the
 * smaller id. Those transactions (a change and its entry, under the pool's statement and
 * idle-in-transaction timeouts) last milliseconds; an hour is far beyond any.
 */
const LONGEST_TRANSACTION = `interval '1 hour'`;

/**
 * Every page is one keyset step down `id`, never an OFFSET: the first page and the ten
 * thousandth cost the same. Each filter has an index that ends in `id`; a filter that matches
 * any of several columns becomes one branch per column (each the newest `limit` ids of its own
 * index range), and the entry is read by id from the union, so no branch scans past `limit`.
 */
export function auditEntries(db: Database): ReadAuditEntries {
  return async (filters, before, limit) => {
    const { text, params } = entriesSql(filters, before, limit);
    const result = await db.query<EntryRow>(text, params);
    return result.rows.map(toRecord);
  };
}

function entriesSql(
  filters: AuditFilters,
  before: string | null,
  limit: number,
): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown): string => `$${params.push(value)}`;

  const shared: string[] = [];
  if (filters.action) shared.push(`action = ${param(filters.action)}`);
  if (before) shared.push(`id < ${param(before)}::bigint`);
  if (filters.from) shared.push(...fromDay(param(filters.from)));
  if (filters.to) shared.push(...toDay(param(filters.to)));
  const userBranches = anyColumn(
    USER_COLUMNS,
    filters.user === null ? null : [filters.user],
    param,
  );
  const contactBranches = anyColumn(
    CONTACT_COLUMNS,
    filters.contact === null ? null : [filters.contact, ...(filters.contactAliases ?? [])],
    param,
  );
  const max = param(limit);

  const branches = userBranches.flatMap((user) =>
    contactBranches.map((contact) => {
      const conditions = [...user, ...contact, ...shared];
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      return `(SELECT id FROM ${AUDIT_TABLE} ${where} ORDER BY id DESC LIMIT ${max})`;
    }),
  );
  return {
    text: `SELECT id, at, action, user_id, username, user_name, object, contact_key, sfid,
                  external_id, changes, detail, request_id, batch_id
             FROM ${AUDIT_TABLE}
            WHERE id IN (${branches.join(' UNION ALL ')})
            ORDER BY id DESC LIMIT ${max}`,
    params,
  };
}

/**
 * A branch per column and value it may equal (an equality each, so each branch is one index
 * range in id order); one branch with no condition when there are no values.
 */
function anyColumn(
  columns: readonly string[],
  values: readonly string[] | null,
  param: (value: unknown) => string,
): string[][] {
  if (values === null) return [[]];
  const placeholders = [...new Set(values)].map(param);
  return columns.flatMap((column) =>
    placeholders.map((placeholder) => [`${column} = ${placeholder}`]),
  );
}

/**
 * The exact condition on `at`, and an id range that holds every entry meeting it: the `at`
 * index is not in id order, so without the range a day long ago would walk every newer entry.
 * The range stops at the last entry written more than the longest transaction before the day
 * begins (or, for `toDay`, the first written as long after it ends): one step into `at`'s index.
 */
function fromDay(day: string): string[] {
  const start = `(${day}::date::timestamp AT TIME ZONE 'UTC')`;
  return [
    `at >= ${start}`,
    `id > coalesce((SELECT id FROM ${AUDIT_TABLE} WHERE at < ${start} - ${LONGEST_TRANSACTION}
                     ORDER BY at DESC LIMIT 1), 0)`,
  ];
}

function toDay(day: string): string[] {
  const end = `((${day}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
  return [
    `at < ${end}`,
    `id < coalesce((SELECT id FROM ${AUDIT_TABLE} WHERE at >= ${end} + ${LONGEST_TRANSACTION}
                     ORDER BY at LIMIT 1), 9223372036854775807)`,
  ];
}

function toRecord(row: EntryRow): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    userId: row.user_id,
    username: row.username,
    userName: row.user_name,
    object: row.object,
    contactKey: row.contact_key,
    sfid: row.sfid,
    externalId: row.external_id,
    changes: row.changes,
    detail: row.detail,
    requestId: row.request_id,
    batchId: row.batch_id,
  };
}
