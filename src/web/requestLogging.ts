import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { errorForLog } from '../logger';

// Heroku's router sends a UUID; anything else odd (huge, or with characters that could forge
// log lines or headers) is replaced rather than echoed.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const MAX_LOGGED_PATH = 300;

/**
 * One JSON line per request, tagged with Heroku's X-Request-ID (or a new one). Only method,
 * path, status and timing are logged: no headers, cookies, bodies or query strings, which can
 * hold passwords, tokens and contact details.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-ID', id);
      return id;
    },
    // Our serializers get the raw objects, so nothing reaches them pre-copied (like headers).
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.originalUrl ?? req.url ?? '').split('?')[0]?.slice(0, MAX_LOGGED_PATH),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: errorForLog,
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}

/** The request's id as genReqId made it: always a string, whatever pino-http's type allows. */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' ? req.id : '';
}
