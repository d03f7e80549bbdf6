import type { Download } from 'playwright-core';
import { parseCsv } from '../../test/support/auditCsv';

export interface DownloadedCsv {
  /** Whether the file starts with UTF-8's byte order mark, as spreadsheets need. */
  byteOrderMark: boolean;
  header: string[];
  /** Each row as column name → cell. */
  rows: Record<string, string>[];
}

/** Reads the downloaded file, from a browser that may run elsewhere (where `path()` throws). */
export async function downloadedCsv(download: Download): Promise<DownloadedCsv> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const byteOrderMark = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  const [header = [], ...cells] = parseCsv(bytes.subarray(byteOrderMark ? 3 : 0).toString('utf8'));
  const rows = cells.map((row) =>
    Object.fromEntries(header.map((name, at) => [name, row[at] ?? ''])),
  );
  return { byteOrderMark, header, rows };
}
