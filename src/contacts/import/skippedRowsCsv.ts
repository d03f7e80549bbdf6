import type { RequestHandler } from 'express';
import { csvWriter } from '../../db/csvWriter';
import type { Database } from '../../db/database';
import { startCsvDownload } from '../../web/csvDownload';
import { NotFoundError } from '../../web/httpErrors';
import { findImport, skippedRows } from './importStore';

/**
 * GET /contacts/import/:id/skipped.csv: the rows not imported (invalid, duplicate, refused by
 * the database, not reached by a failed import, refused by Salesforce: importStore.skippedRows),
 * as they were in the file with a Reason column after them, to fix and import again. Written
 * through db/csvWriter.ts, so a cell that starts like a formula stays text.
 */
export function downloadSkippedRows(db: Database): RequestHandler {
  return async (req, res) => {
    const { user, mapping } = res.locals;
    const record = user ? await findImport(db, String(req.params.id), user) : null;
    if (!record || record.state === 'draft')
      throw new NotFoundError('No import of yours has this address.');
    const rows = await skippedRows(db, mapping, record);
    startCsvDownload(res, 'import-not-imported');
    const write = csvWriter(res);
    await write([[...record.header, 'Reason'], ...rows.map((row) => [...row.cells, row.reason])]);
    res.end();
  };
}
