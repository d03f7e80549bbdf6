import type { Queryable } from '../db/database';
import { AUDIT_TABLE } from './auditTable';

export const AUDIT_ACTIONS = [
  'create',
  'edit',
  'delete',
  'retry',
  'sign_in',
  'sign_out',
  'sign_out_everywhere',
  'sign_out_elsewhere',
  'refused',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it and in which request: what every entry records about its author. */
export interface AuditActor {
  user: { id: string; username: string; name: string };
  requestId: string;
}

/** The Salesforce objects whose records the trail names (migrations/0002_audit_object.sql). */
export const AUDITED_OBJECTS = ['contact', 'account'] as const;
export type AuditedObject = (typeof AUDITED_OBJECTS)[number];

/** The record an entry is about, by every name it can be found under later. */
export interface AuditedContact {
  key: string;
  rowId: number | null;
  sfid: string | null;
  externalId: string | null;
}

export interface AuditedChange {
  /** The column name in Connect's table, e.g. `title`. */
  field: string;
  /** The label the app shows for it, e.g. `Title`. */
  label: string;
  from: string;
  to: string;
}

export interface AuditEntry {
  action: AuditAction;
  actor: AuditActor;
  /** The record it is about; `object` says which kind (a contact unless told otherwise). */
  contact?: AuditedContact;
  object?: AuditedObject;
  changes?: readonly AuditedChange[];
  /** A short note for entries without changes: why a request was refused, which org, … */
  detail?: string;
  /** The bulk action this entry is one row of (records/batches.ts). */
  batchId?: string;
}

/** The entry's columns, in the order auditRow gives their values, with each one's SQL type. */
export const AUDIT_COLUMNS = [
  ['action', 'text'],
  ['user_id', 'text'],
  ['username', 'text'],
  ['user_name', 'text'],
  ['contact_key', 'text'],
  ['contact_row_id', 'bigint'],
  ['sfid', 'text'],
  ['external_id', 'text'],
  ['changes', 'jsonb'],
  ['detail', 'text'],
  ['request_id', 'text'],
  ['object', 'text'],
  ['batch_id', 'uuid'],
] as const;

/** The column names of AUDIT_COLUMNS, for an INSERT's column list. */
export const AUDIT_COLUMN_LIST = AUDIT_COLUMNS.map(([name]) => name).join(', ');

/** One entry's values, in AUDIT_COLUMNS' order. */
export function auditRow(entry: AuditEntry): unknown[] {
  const { actor, contact } = entry;
  return [
    entry.action,
    actor.user.id,
    actor.user.username,
    actor.user.name,
    contact?.key ?? null,
    contact?.rowId ?? null,
    contact?.sfid ?? null,
    contact?.externalId ?? null,
    JSON.stringify(entry.changes ?? []),
    entry.detail ?? null,
    actor.requestId,
    entry.object ?? 'contact',
    entry.batchId ?? null,
  ];
}

/**
 * Writes one entry on the caller's client, so a change and its record commit or roll back
 * together: run it inside the change's transaction.
 */
export async function recordAudit(client: Queryable, entry: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO ${AUDIT_TABLE} (${AUDIT_COLUMN_LIST})
     VALUES (${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    auditRow(entry),
  );
}
