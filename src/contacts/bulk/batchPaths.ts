import type { BatchKind } from '../../records/batches';

/** Where a chosen batch is worked on: the mass-edit form, or the delete confirmation. */
export function batchPath(id: string, kind: BatchKind): string {
  return kind === 'edit' ? `/contacts/bulk/${id}` : `/contacts/bulk/${id}/delete`;
}

/** The batch page, which follows an applied batch's rows to Salesforce. */
export function appliedBatchPath(id: string): string {
  return `/sync/batches/${id}`;
}
