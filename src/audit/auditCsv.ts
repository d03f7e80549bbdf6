import type { AuditedChange } from './auditEntry';
import type { AuditFilters } from './auditFilters';
import type { AuditRecord, ReadAuditEntries } from './auditQuery';

/** Where the file goes: an HTTP response, or anything that pushes back as one does. */
export interface CsvSink {
  write(chunk: string): boolean;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  /** True once the other end has gone. */
  readonly destroyed: boolean;
}

/** Rows per query and per write: memory stays at one batch however many entries match. */
const BATCH_SIZE = 1000;

// Excel reads a file without it as the local code page and garbles names in other scripts.
const BYTE_ORDER_MARK = '\uFEFF';

const COLUMNS: readonly (readonly [string, (entry: AuditRecord) => string | null])[] = [
  ['id', (entry) => entry.id],
  ['at', (entry) => entry.at.toISOString()],
  ['action', (entry) => entry.action],
  ['user_id', (entry) => entry.userId],
  ['username', (entry) => entry.username],
  ['user_name', (entry) => entry.userName],
  // Says whether contact_key is a /contacts/ or an /accounts/ key.
  ['object', (entry) => entry.object],
  ['contact_key', (entry) => entry.contactKey],
  ['sfid', (entry) => entry.sfid],
  ['external_id', (entry) => entry.externalId],
  ['changes', (entry) => changesText(entry.changes)],
  ['detail', (entry) => entry.detail],
  ['request_id', (entry) => entry.requestId],
];

/**
 * Writes every entry that matches, newest first, as RFC 4180 CSV: the page's keyset query in
 * batches, each written once the sink has taken the last. Stops when the sink goes away.
 */
export async function writeAuditCsv(
  read: ReadAuditEntries,
  filters: AuditFilters,
  out: CsvSink,
): Promise<void> {
  const send = sender(out);
  if (!(await send(BYTE_ORDER_MARK + csvLine(COLUMNS.map(([name]) => name))))) return;
  let before: string | null = null;
  for (;;) {
    const entries = await read(filters, before, BATCH_SIZE);
    const last = entries.at(-1);
    if (last === undefined) return;
    const lines = entries.map((entry) => csvLine(COLUMNS.map(([, cell]) => cell(entry))));
    if (!(await send(lines.join('')))) return;
    if (entries.length < BATCH_SIZE) return;
    before = last.id;
  }
}

/**
 * Writes a chunk, waits until the sink takes more and says whether it is still there. It
 * listens once for the whole file: the compression middleware moves 'drain' listeners onto its
 * zlib stream, where one removed through the response would stay, a leak per batch.
 */
function sender(out: CsvSink): (chunk: string) => Promise<boolean> {
  let resume: (() => void) | undefined;
  const wake = () => {
    resume?.();
    resume = undefined;
  };
  out.on('drain', wake);
  out.on('close', wake);
  return async (chunk) => {
    if (out.destroyed) return false;
    if (!out.write(chunk)) {
      await new Promise<void>((resolve) => {
        resume = resolve;
      });
    }
    return !out.destroyed;
  };
}

/** `Title: "Engineer" → "Manager"; Email: …`, each value as JSON so quotes and line breaks show. */
function changesText(changes: readonly AuditedChange[]): string {
  return changes
    .map(({ label, from, to }) => `${label}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`)
    .join('; ');
}

function csvLine(cells: readonly (string | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

// OWASP's list: a spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A quote in front makes a spreadsheet show the text instead of running it. */
function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
