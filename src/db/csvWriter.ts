/**
 * RFC 4180 CSV written to a sink in batches, with the backpressure and the cell rules every
 * download of the app shares (the audit trail's, the contact list's). Here in the bottom layer
 * because audit/ and the features both write CSV and may not import each other or web/.
 */

/** Where the file goes: an HTTP response, or anything that pushes back as one does. */
export interface CsvSink {
  write(chunk: Buffer): boolean;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  /** True once the other end has gone. */
  readonly destroyed: boolean;
}

/** One line of cells; null is an empty cell. */
export type CsvRow = readonly (string | null)[];

// Excel reads a file without it as the local code page and garbles names in other scripts.
const BYTE_ORDER_MARK = Buffer.from('\uFEFF');

/**
 * Writes lines of CSV to `out`, the first call's preceded by a byte order mark. Each call waits
 * until the sink has taken its lines and says whether the sink is still there, so a caller
 * reads its next batch only then, and stops when the other end has gone.
 */
export function csvWriter(out: CsvSink): (rows: readonly CsvRow[]) => Promise<boolean> {
  const write = csvBytesWriter(out);
  return (rows) => write(Buffer.from(rows.map(csvLine).join('')));
}

/**
 * As csvWriter, for lines made with csvLine and encoded as UTF-8 by the caller. A large export
 * hands over bytes rather than its text: a string of a batch's lines (over 200 kB) that is
 * still referenced while the response drains, if only from a suspended async function, is
 * promoted whole by the young collection that meets it.
 */
export function csvBytesWriter(out: CsvSink): (lines: Buffer) => Promise<boolean> {
  const send = sender(out);
  let first = true;
  return (lines) => {
    const chunk = first ? Buffer.concat([BYTE_ORDER_MARK, lines]) : lines;
    first = false;
    return send(chunk);
  };
}

/**
 * Writes a chunk, waits until the sink takes more and says whether it is still there. It
 * listens once for the whole file: the compression middleware moves 'drain' listeners onto its
 * zlib stream, where one removed through the response would stay, a leak per batch.
 */
function sender(out: CsvSink): (chunk: Buffer) => Promise<boolean> {
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

export function csvLine(cells: CsvRow): string {
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
