import busboy from 'busboy';
import type { RequestHandler } from 'express';
import { HttpError } from './httpErrors';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The file a multipart form sent, when the route reads one (see multipartUpload). */
      upload?: UploadedFile;
    }
  }
}

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
  /** The file was longer than the limit: `bytes` holds only its start. */
  tooLarge: boolean;
}

const MULTIPART = /^multipart\/form-data\b/i;

/**
 * Reads a multipart form (a file upload) into req.body's text fields and res.locals.upload,
 * for the one route that takes a file: the global form parser reads only urlencoded forms, and
 * requireCsrfToken then finds the token in req.body as for any form. The file is kept in memory
 * up to `maxBytes` (the rest is read and dropped, so the page can say the file is too large);
 * only the form's first file is kept, and its text fields before it count (the token comes
 * first in the form).
 */
export function multipartUpload(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!MULTIPART.test(req.get('content-type') ?? '')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 4096, parts: 25 },
      });
    } catch (error) {
      next(unreadable(error));
      return;
    }
    const fields: Record<string, string> = {};
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      const upload: UploadedFile = {
        fileName: info.filename ?? '',
        bytes: Buffer.alloc(0),
        tooLarge: false,
      };
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        upload.tooLarge = true;
      });
      stream.on('close', () => {
        upload.bytes = Buffer.concat(chunks);
        res.locals.upload = upload;
      });
    });
    parser.on('error', (error: Error) => {
      req.unpipe(parser);
      next(unreadable(error));
    });
    parser.on('close', () => {
      req.body = fields;
      next();
    });
    req.pipe(parser);
  };
}

/** A body busboy cannot read: its headers at the start, or its parts on the way. */
function unreadable(cause: unknown): HttpError {
  return new HttpError(
    400,
    'Bad request',
    'The upload could not be read: choose the file and send it again.',
    { cause },
  );
}
