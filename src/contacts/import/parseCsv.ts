import { CsvError, parse } from 'csv-parse/sync';
import { ImportFileError } from './importFileError';
import { MAX_COLUMNS, MAX_ROWS } from './limits';

export interface CsvRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  header: string[];
  rows: CsvRow[];
}

interface Record {
  record: string[];
  info: { lines: number };
}

/**
 * Parses CSV text with csv-parse (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks). The first row is the header. Blank lines are skipped; a row shorter than the header
 * is padded with empty cells (spreadsheets drop trailing empty ones), a longer one is refused.
 */
export function parseCsv(text: string): ParsedCsv {
  let records: Record[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Past the header and the limit, so a file with too many rows is told so, not parsed whole.
      to: MAX_ROWS + 2,
    }) as unknown as Record[];
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(csvProblem(error));
    throw error;
  }
  const [first, ...data] = records;
  if (!first) throw new ImportFileError('This file is empty: it has no header row and no rows.');
  const header = first.record.map((name) => name.trim());
  if (header.length > MAX_COLUMNS) {
    throw new ImportFileError(
      `This file has ${header.length} columns; at most ${MAX_COLUMNS} can be imported.`,
    );
  }
  if (data.length === 0) {
    throw new ImportFileError('This file has a header row but no rows of contacts below it.');
  }
  if (data.length > MAX_ROWS) {
    throw new ImportFileError(
      `This file has more than ${MAX_ROWS.toLocaleString('en-US')} rows: split it into several imports.`,
      413,
    );
  }
  const rows = data.map(({ record, info }) => {
    // csv-parse counts the line a record ends on; a quoted value may span several.
    const line = info.lines - record.join('').split('\n').length + 1;
    if (record.length > header.length) {
      throw new ImportFileError(
        `Line ${line} has ${record.length} values but the header has ${header.length} columns. ` +
          'Check for an unquoted comma in that line.',
      );
    }
    return {
      line,
      cells: [...record, ...new Array<string>(header.length - record.length).fill('')],
    };
  });
  return { header, rows };
}

function csvProblem(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `A quoted value opened on or before line ${line ?? '?'} is never closed: the file has an unbalanced quote (").`;
  }
  return `The file could not be read as CSV at line ${line ?? '?'}: ${error.message}`;
}
