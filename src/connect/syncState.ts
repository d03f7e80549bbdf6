/**
 * Connect's `_hc_lastop` values. PENDING: the app wrote the row and Connect has not sent it yet.
 * INSERTED / UPDATED: the write reached Salesforce. SYNCED: the row came from Salesforce.
 * FAILED: Salesforce rejected the write; `_hc_err` says why and Connect will not retry on its own.
 */
export const SYNC_STATES = ['PENDING', 'INSERTED', 'UPDATED', 'SYNCED', 'FAILED'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export function toSyncState(lastOp: string | null): SyncState | null {
  return SYNC_STATES.find((state) => state === lastOp) ?? null;
}

/** A state as SQL text, for a comparison with a constant that a partial index can serve. */
export function syncStateSql(state: SyncState): string {
  return `'${state}'`;
}
