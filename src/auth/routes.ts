import { Router } from 'express';
import { setFlash } from '../web/flash';
import { safeLocalPath } from '../web/safeLocalPath';
import type { SessionRevocations } from './revokedSessions';
import type { SessionCodec } from './session';
import { startSession } from './sessionCookie';
import { signinRateLimits } from './signinLimits';

/** Where sign-in leads when the page asked for nowhere in particular (or somewhere unsafe). */
const AFTER_SIGN_IN = '/contacts';

export function authRoutes(
  codec: SessionCodec,
  revocations: SessionRevocations,
  secure: boolean,
): Router {
  const router = Router();

  router.get('/signin', (req, res) => {
    const next = safeLocalPath(req.query.next) ?? AFTER_SIGN_IN;
    if (res.locals.session.signedIn) return res.redirect(303, next);
    res.render('signin', { title: 'Sign in', next, error: null });
  });

  router.post('/signin', ...signinRateLimits(), (req, res) => {
    const body = req.body as Record<string, unknown>;
    const next = safeLocalPath(body.next) ?? AFTER_SIGN_IN;
    if (!codec.isCorrectPassword(body.password)) {
      res.status(401).render('signin', {
        title: 'Sign in',
        next,
        error: 'That password is not correct.',
      });
      return;
    }
    // A fresh session id on sign-in, so a token planted before sign-in is worthless after it.
    startSession(res, codec, codec.create(true), secure);
    res.redirect(303, next);
  });

  router.post('/signout', async (_req, res) => {
    const { session } = res.locals;
    if (session.signedIn) await revocations.revoke(session);
    startSession(res, codec, codec.create(false), secure);
    setFlash(res, 'signedOut', secure);
    res.redirect(303, '/signin');
  });

  return router;
}
