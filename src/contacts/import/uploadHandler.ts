import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/database';
import { salesforceUserId } from '../../web/signedInUser';
import { decodeUpload } from './decodeUpload';
import { importTargets, matchHeader } from './importFields';
import { ImportFileError } from './importFileError';
import { storeImport } from './importStore';
import { MAX_UPLOAD_BYTES } from './limits';
import { parseCsv } from './parseCsv';
import { uploadView } from './importView';

/** GET /contacts/import: the upload form, with the limits. */
export function showUploadForm(): RequestHandler {
  return (_req, res) => {
    renderUpload(res, res.locals.mapping.hasExternalId ? 200 : 409, null);
  };
}

/**
 * POST /contacts/import (multipart, read by web/multipartUpload.ts): decodes and parses the
 * file and stores it with the columns its header matched, then shows the preview. A file that
 * cannot be imported is refused whole, with what is wrong and where, and nothing is stored.
 */
export function receiveUpload(db: Database): RequestHandler {
  return async (_req, res) => {
    const { upload, mapping, user } = res.locals;
    // New rows need the External ID, or Connect could create them twice (as for New contact).
    if (!mapping.hasExternalId) return renderUpload(res, 409, null);
    if (!upload || upload.fileName === '') {
      return renderUpload(res, 422, 'Choose a CSV file to import.');
    }
    if (upload.tooLarge) {
      return renderUpload(
        res,
        413,
        `This file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it into several imports.`,
      );
    }
    if (!user) throw new Error('requireRole lets only the signed-in through');
    try {
      const { text, encoding } = decodeUpload(upload.bytes);
      const { header, rows } = parseCsv(text);
      const id = await storeImport(db, {
        user,
        ownerId: mapping.owners ? salesforceUserId(user) : null,
        fileName: upload.fileName.slice(0, 255),
        encoding,
        header,
        columns: matchHeader(header, importTargets(mapping)),
        rows,
      });
      res.redirect(303, `/contacts/import/${id}`);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      renderUpload(res, error.status, error.message);
    }
  };
}

function renderUpload(res: Response, status: number, error: string | null): void {
  res.status(status).render('contacts/import/upload', uploadView(res.locals.mapping, error));
}
