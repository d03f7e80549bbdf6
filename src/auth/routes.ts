import { Router, type Response } from 'express';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { SESSION_COOKIE, writeCookie } from './cookies';
import { revokedSessions } from './revokedSessions';
import type { Session, SessionCodec } from './session';
import { signinRateLimits } from './signinLimits';

export function authRoutes(codec: SessionCodec, secure: boolean, db: Database): Router {
  const router = Router();
  const revocations = revokedSessions(db);

  // Mounted ahead of every page that needs sign-in, so a signed-out cookie replayed later
  // (another tab, or a copy someone kept) counts as no session at all from here on.
  router.use(async (_req, res, next) => {
    const { session } = res.locals;
    if (session.signedIn && (await revocations.isRevoked(session))) {
      startSession(res, codec.create(false));
    }
    next();
  });

  router.get('/signin', (req, res) => {
    const next = safeNext(req.query.next);
    if (res.locals.session.signedIn) return res.redirect(303, next);
    res.render('signin', { title: 'Sign in', next, error: null });
  });

  router.post('/signin', ...signinRateLimits(), (req, res) => {
    const body = req.body as Record<string, unknown>;
    const next = safeNext(body.next);
    if (!codec.isCorrectPassword(body.password)) {
      res.status(401).render('signin', {
        title: 'Sign in',
        next,
        error: 'That password is not correct.',
      });
      return;
    }
    // A fresh session id on sign-in, so a token planted before sign-in is worthless after it.
    startSession(res, codec.create(true));
    res.redirect(303, next);
  });

  router.post('/signout', async (_req, res) => {
    const { session } = res.locals;
    if (session.signedIn) await revocations.revoke(session);
    startSession(res, codec.create(false));
    setFlash(res, 'signedOut', secure);
    res.redirect(303, '/signin');
  });

  function startSession(res: Response, session: Session) {
    writeCookie(res, SESSION_COOKIE, codec.encode(session), {
      secure,
      maxAgeMs: session.expiresAt - Date.now(),
    });
    res.locals.session = session;
    res.locals.csrfToken = codec.csrfToken(session);
  }

  return router;
}

/** Only same-site paths, so the sign-in form cannot be used to redirect elsewhere. */
export function safeNext(value: unknown): string {
  const fallback = '/contacts';
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}
