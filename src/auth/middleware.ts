import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, HttpError } from '../web/httpErrors';
import { readCookie, SESSION_COOKIE, writeCookie } from './cookies';
import type { SessionCodec } from './session';

export function loadSession(codec: SessionCodec, secure: boolean): RequestHandler {
  return (req, res, next) => {
    let session = codec.decode(readCookie(req, SESSION_COOKIE));
    if (!session) {
      session = codec.create(false);
      writeCookie(res, SESSION_COOKIE, codec.encode(session), {
        secure,
        maxAgeMs: session.expiresAt - Date.now(),
      });
    }
    res.locals.session = session;
    res.locals.csrfToken = codec.csrfToken(session);
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing request must echo the session's CSRF token from the form. */
export function requireCsrfToken(codec: SessionCodec): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const body = req.body as Record<string, unknown> | undefined;
    const token = body?._csrf ?? req.get('x-csrf-token');
    if (!codec.isValidCsrfToken(res.locals.session, token)) {
      throw new ForbiddenError(
        'This form has expired or did not come from this app. Go back, reload the page and try again.',
      );
    }
    next();
  };
}

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.session.signedIn) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  throw new HttpError(401, 'Sign in required', 'Your session has ended. Sign in and try again.');
}
