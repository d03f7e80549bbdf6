import type { RequestHandler } from 'express';
import { startCsvDownload } from '../../web/csvDownload';
import type { ReaderFor } from '../../web/readYourWrites';
import { writeContactsCsv } from './exportCsv';
import { listRequest } from './listRequest';

/**
 * `/contacts.csv`: every contact the list shows for the same query string, in the same order,
 * within the reader's owner scope. Page and page size do not apply: the file has them all.
 */
export function downloadContactsCsv(reads: ReaderFor): RequestHandler {
  return async (req, res) => {
    const { mapping } = res.locals;
    const db = reads(req);
    const list = await listRequest(req, res, db, mapping);
    startCsvDownload(res, 'contacts');
    await writeContactsCsv(db, mapping, list, res);
    res.end();
  };
}
