import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuditLog } from '../audit/auditLog';
import { ForbiddenError, HttpError } from '../web/httpErrors';
import { isolated } from '../web/isolated';
import { hasRole, requestActor, type Role } from '../web/signedInUser';
import type { SessionRevocations } from './revokedSessions';
import type { SessionCodec } from './session';
import { readSession, startSession, useSession } from './sessionCookie';

export function loadSession(codec: SessionCodec): RequestHandler {
  return (req, res, next) => {
    const session = readSession(codec, req);
    if (session) useSession(res, codec, session);
    else startSession(res, codec, codec.create(null));
    next();
  };
}

/**
 * A signed-out cookie replayed later (another tab, or a copy someone kept) counts as no
 * session at all from here on.
 */
export function refuseRevokedSessions(
  codec: SessionCodec,
  revocations: SessionRevocations,
): RequestHandler {
  return async (_req, res, next) => {
    const { session } = res.locals;
    if (session.user && (await revocations.isRevoked(session))) {
      startSession(res, codec, codec.create(null));
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request is a form post that echoes the session's CSRF token. The form
 * parser leaves other bodies (JSON, multipart, text) and empty ones unread, so they are refused
 * or read as an empty form here, and handlers can rely on a form.
 */
export function requireCsrfToken(codec: SessionCodec): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.body === undefined) {
      if (hasContent(req)) {
        throw new HttpError(
          415,
          'Unsupported form',
          'This app only accepts forms sent from its own pages.',
        );
      }
      req.body = {};
    }
    const body = req.body as Record<string, unknown>;
    const token = body._csrf ?? req.get('x-csrf-token');
    if (!codec.isValidCsrfToken(res.locals.session, token)) {
      throw new ForbiddenError(
        'This form has expired or did not come from this app. Go back, reload the page and try again.',
      );
    }
    next();
  };
}

function hasContent(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length')) > 0;
}

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  throw new HttpError(401, 'Sign in required', 'Your session has ended. Sign in and try again.');
}

/**
 * Refuses a signed-in user whose role is below `needed` with a 403 page, before anything is
 * read from the form or written, and records the refusal. Mount it behind requireSignIn.
 */
export function requireRole(needed: Role, audit: AuditLog): RequestHandler {
  return async (req, res, next) => {
    if (hasRole(res.locals.user, needed)) return next();
    const actor = requestActor(req, res);
    // The name is Salesforce's, user text: isolated, it cannot reorder the words around it.
    await audit.record({
      action: 'refused',
      actor,
      detail: `${req.method} ${req.originalUrl} needs the ${needed} role; ${isolated(actor.user.name)} is ${actor.user.role === 'viewer' ? 'a' : 'an'} ${actor.user.role}`,
    });
    throw new ForbiddenError(
      `Your role (${actor.user.role}) cannot do this: it needs the ${needed} role. Ask your Salesforce admin for the Contact Card ${needed === 'admin' ? 'Admin' : 'Editor'} permission.`,
    );
  };
}
