import type { Response } from 'express';

/**
 * Makes the response a CSV file the browser saves, named `<name>-<YYYY-MM-DD>.csv` after the
 * day it was made, so downloads of different days sit side by side.
 */
export function startCsvDownload(res: Response, name: string, now = new Date()): void {
  res
    .type('text/csv; charset=utf-8')
    .set(
      'Content-Disposition',
      `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`,
    );
}
