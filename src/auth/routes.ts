import { Router, type Response } from 'express';
import { setFlash } from '../web/flash';
import { SESSION_COOKIE, writeCookie } from './cookies';
import type { Session, SessionCodec } from './session';

export function authRoutes(codec: SessionCodec, secure: boolean): Router {
  const router = Router();

  router.get('/signin', (req, res) => {
    const next = safeNext(req.query.next);
    if (res.locals.session.signedIn) return res.redirect(303, next);
    res.render('signin', { title: 'Sign in', next, error: null });
  });

  router.post('/signin', (req, res) => {
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

  router.post('/signout', (_req, res) => {
    startSession(res, codec.create(false));
    setFlash(res, 'signedOut', secure);
    res.redirect(303, '/signin');
  });

  function startSession(res: Response, session: Session) {
    writeCookie(res, SESSION_COOKIE, codec.encode(session), {
      secure,
      maxAgeMs: session.expiresAt - Date.now(),
    });
  }

  return router;
}

/** Only same-site paths, so the sign-in form cannot be used to redirect elsewhere. */
export function safeNext(value: unknown): string {
  const fallback = '/contacts';
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}
