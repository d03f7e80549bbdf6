import type { Database, Queryable } from '../db/database';
import { recordAudit, type AuditEntry } from './auditEntry';

export interface AuditLog {
  /**
   * Runs a change's transaction: call recordAudit on the same client inside it, and the change
   * and its entry commit or roll back together.
   */
  inTransaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  /** Records an event that changes nothing else: a sign-in, a sign-out, a refusal. */
  record(entry: AuditEntry): Promise<void>;
}

export function auditLog(db: Database): AuditLog {
  return {
    inTransaction: (work) => db.withTransaction(work),
    record: (entry) => db.withTransaction((client) => recordAudit(client, entry)),
  };
}
