import type { Logger } from 'pino';
import { readMapping } from '../../connect/mapping';
import type { Database } from '../../db/database';
import type { EditedBy } from '../editedBy';
import { writeImport } from './importWriter';

/** What the import queue's jobs carry: the import to write, nothing else. */
export interface ImportJob {
  importId: string;
}

export function isImportJob(data: unknown): data is ImportJob {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Record<string, unknown>).importId === 'string'
  );
}

export interface ImportJobOptions {
  /** Connect's schema (CONNECT_SCHEMA). */
  schema: string;
  /** True once the worker has been told to stop. */
  shouldStop: () => boolean;
  /** What each write sets besides the file's values: AUDIT_SALESFORCE_FIELD's stamp. */
  editedBy: EditedBy;
  log: Pick<Logger, 'warn'>;
}

/**
 * The worker's handler for the import queue. It reads Connect's mapping afresh for each job:
 * an admin may have changed it since the web process previewed the file.
 */
export function importJobHandler(
  db: Database,
  options: ImportJobOptions,
): (data: unknown) => Promise<void> {
  const { schema, shouldStop, editedBy, log } = options;
  return async (data) => {
    if (!isImportJob(data)) throw new Error('An import job without an import id');
    const mapping = await readMapping(db, schema);
    await writeImport(db, mapping, data.importId, { shouldStop, editedBy, log });
  };
}
