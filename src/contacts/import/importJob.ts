import type { Logger } from 'pino';
import { readMapping } from '../../connect/mapping';
import type { Database } from '../../db/database';
import type { JobAttempt } from '../../jobs/jobQueue';
import type { EditedBy } from '../editedBy';
import { failImport } from './importStore';
import { ImportInterrupted, writeImport } from './importWriter';

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
  log: Pick<Logger, 'warn' | 'error'>;
}

/**
 * The worker's handler for the import queue. It reads Connect's mapping afresh for each job:
 * an admin may have changed it since the web process previewed the file. A throw hands the job
 * back to the queue, which runs it again; when the queue will not (the last attempt), the
 * import is marked failed with a short reason first, so its page says it stopped rather than
 * waiting for ever.
 */
export function importJobHandler(
  db: Database,
  options: ImportJobOptions,
): (attempt: JobAttempt) => Promise<void> {
  const { schema, shouldStop, editedBy, log } = options;
  return async ({ data, lastAttempt }) => {
    if (!isImportJob(data)) throw new Error('An import job without an import id');
    try {
      const mapping = await readMapping(db, schema);
      await writeImport(db, mapping, data.importId, { shouldStop, editedBy, log });
    } catch (error) {
      if (lastAttempt) {
        log.error({ err: error, importId: data.importId }, 'The import stopped: out of retries');
        // With the database gone for good this fails too, and the import stays queued.
        await failImport(db, data.importId, failureReason(error)).catch((failed: unknown) => {
          log.warn({ err: failed, importId: data.importId }, 'Could not mark the import failed');
        });
      }
      throw error;
    }
  };
}

/** At most this much of an error's message reaches the progress page. */
const REASON_LENGTH = 200;

/**
 * What the progress page says stopped the import: the error's first line, shortened; never a
 * stack (the worker's log has the whole error).
 */
function failureReason(error: unknown): string {
  if (error instanceof ImportInterrupted) {
    return 'The worker was stopped (a restart or a deploy) on its last attempt.';
  }
  const message = error instanceof Error ? error.message : '';
  const line = (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  if (line === '') return 'An unexpected error (the worker’s log has the details).';
  return line.length > REASON_LENGTH ? `${line.slice(0, REASON_LENGTH - 1)}…` : line;
}
