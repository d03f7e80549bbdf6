/** The columns of the audit trail's CSV download, in order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'action',
  'user_id',
  'username',
  'user_name',
  'object',
  'contact_key',
  'sfid',
  'external_id',
  'changes',
  'detail',
  'request_id',
  'batch_id',
] as const;

/** RFC 4180, strictly: a quote inside a quoted cell is doubled, and each line ends in CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const cell = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  let row: string[] = [];
  while (cell.lastIndex < text.length) {
    const match = cell.exec(text);
    if (!match) throw new Error(`not RFC 4180 CSV at offset ${cell.lastIndex}`);
    const [, raw = '', end] = match;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (end === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}
