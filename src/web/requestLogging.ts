import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { errorForLog } from '../logger';

// Heroku's router sends a UUID; anything else odd (huge, or with characters that could forge
// log lines) is left out of the log.
const ROUTER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const MAX_LOGGED_PATH = 300;

/**
 * One JSON line per request, tagged with an id of the app's own, which the audit trail records
 * and the X-Request-ID response header gives back. The X-Request-ID a request arrives with is
 * anyone's to choose, so it is only logged beside, as `herokuRequestId`, to find the router's
 * line for the same request. Only method, path, status and timing are logged: no headers,
 * cookies, bodies or query strings, which can hold passwords, tokens and contact details.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-ID', id);
      return id;
    },
    customProps: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && ROUTER_REQUEST_ID.test(incoming)
        ? { herokuRequestId: incoming }
        : {};
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
