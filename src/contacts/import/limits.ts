/** What one import may hold; the upload page and docs/import.md state the same numbers. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
export const MAX_ROWS = 100_000;
export const MAX_COLUMNS = 100;

/** Rows the worker writes per transaction: a restart loses at most this much work. */
export const CHUNK_ROWS = 1_000;

/** The job queue the worker takes imports from. */
export const IMPORT_QUEUE = 'contact-import';
