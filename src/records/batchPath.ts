/** The batch page's path: where applying a batch leads, and what the audit trail links to. */
export function batchPath(id: string): string {
  return `/sync/batches/${encodeURIComponent(id)}`;
}
