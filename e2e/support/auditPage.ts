import type { Download, Page } from 'playwright-core';
import { parseCsv } from '../../test/support/auditCsv';

/** How many entries one page of /audit shows. */
export const AUDIT_PAGE_SIZE = 50;

/** One column of the audit table (by its data-label) as a reader sees it, row by row. */
export function auditColumn(page: Page, label: string): Promise<string[]> {
  return page.locator(`main tbody td[data-label="${label}"]`).allInnerTexts();
}

/**
 * The Changes column, each change as `Label: from → to`: the page quotes each value and says
 * "to" only to screen readers, so its text is read piece by piece.
 */
export function auditChanges(page: Page): Promise<string[]> {
  return page.locator('main tbody td[data-label="Changes"]').evaluateAll((cells) =>
    cells.map((cell) =>
      [...cell.querySelectorAll(':scope > div')]
        .map((change) => {
          const [from, to] = [...change.querySelectorAll('q')].map((value) => value.textContent);
          return `${change.querySelector('bdi')?.textContent ?? ''}: ${from ?? ''} → ${to ?? ''}`;
        })
        .join('; '),
    ),
  );
}

export interface AuditCsv {
  /** Whether the file starts with UTF-8's byte order mark, as spreadsheets need. */
  byteOrderMark: boolean;
  header: string[];
  /** Each entry as column name → cell. */
  rows: Record<string, string>[];
}

/** Reads the downloaded file, from a browser that may run elsewhere (where `path()` throws). */
export async function downloadedCsv(download: Download): Promise<AuditCsv> {
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
