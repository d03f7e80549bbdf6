import { csvWriter, type CsvSink } from '../db/csvWriter';
import type { AuditedChange } from './auditEntry';
import type { AuditFilters } from './auditFilters';
import type { AuditRecord, ReadAuditEntries } from './auditQuery';

/** Rows per query and per write: memory stays at one batch however many entries match. */
const BATCH_SIZE = 1000;

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
  // The bulk action the entry is one row of: its page is /sync/batches/<batch_id>.
  ['batch_id', (entry) => entry.batchId],
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
  const write = csvWriter(out);
  if (!(await write([COLUMNS.map(([name]) => name)]))) return;
  let before: string | null = null;
  for (;;) {
    const entries = await read(filters, before, BATCH_SIZE);
    const last = entries.at(-1);
    if (last === undefined) return;
    if (!(await write(entries.map((entry) => COLUMNS.map(([, cell]) => cell(entry)))))) return;
    if (entries.length < BATCH_SIZE) return;
    before = last.id;
  }
}

/** `Title: "Engineer" → "Manager"; Email: …`, each value as JSON so quotes and line breaks show. */
function changesText(changes: readonly AuditedChange[]): string {
  return changes
    .map(({ label, from, to }) => `${label}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`)
    .join('; ');
}
