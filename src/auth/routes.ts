import { Router } from 'express';
import type { AuditLog } from '../audit/auditLog';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { HttpError } from '../web/httpErrors';
import { safeLocalPath } from '../web/safeLocalPath';
import { actorFor, requestActor } from '../web/signedInUser';
import { SHARED_SIGN_IN_REFUSED } from '../records/visibility';
import { AFTER_SIGN_IN } from './afterSignIn';
import type { SessionRevocations } from './revokedSessions';
import { SHARED_USER, type SessionCodec } from './session';
import { startSession } from './sessionCookie';
import { signinRateLimits } from './signinLimits';

export interface AuthRouteDeps {
  codec: SessionCodec;
  revocations: SessionRevocations;
  db: Database;
  audit: AuditLog;
  /** Whether the shared password signs people in (see Config.passwordSignIn). */
  passwordSignIn: boolean;
  /** CONTACT_VISIBILITY=owner, which is why a refused password is refused. */
  ownerVisibility: boolean;
  /** "Sign in with Salesforce" on the page; `emulated` when it is the local login emulator. */
  salesforce: { emulated: boolean } | null;
}

/** The sign-in page, the shared password's sign-in and sign-out. */
export function authRoutes(deps: AuthRouteDeps): Router {
  const { codec, revocations, audit } = deps;
  const router = Router();
  const render = (next: string, error: string | null) => ({
    title: 'Sign in',
    next,
    error,
    salesforce: deps.salesforce,
    // Without Salesforce, people should know the password makes them indistinguishable.
    password: deps.passwordSignIn ? { sharedIdentity: deps.salesforce === null } : null,
  });

  router.get('/signin', (req, res) => {
    const next = safeLocalPath(req.query.next) ?? AFTER_SIGN_IN;
    if (res.locals.user) return res.redirect(303, next);
    res.render('signin', render(next, null));
  });

  router.post(
    '/signin',
    (_req, _res, next) => {
      if (deps.passwordSignIn) return next();
      throw new HttpError(
        403,
        'Password sign-in is off',
        deps.ownerVisibility
          ? SHARED_SIGN_IN_REFUSED
          : 'This app signs people in with Salesforce. Go back and choose “Sign in with Salesforce”.',
      );
    },
    ...signinRateLimits(deps.db),
    async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const next = safeLocalPath(body.next) ?? AFTER_SIGN_IN;
      if (!codec.isCorrectPassword(body.password)) {
        res.status(401).render('signin', render(next, 'That password is not correct.'));
        return;
      }
      await audit.record({
        action: 'sign_in',
        actor: actorFor(req, SHARED_USER),
      });
      // A fresh session id on sign-in, so a token planted before sign-in is worthless after it.
      startSession(res, codec, codec.create(SHARED_USER));
      res.redirect(303, next);
    },
  );

  router.post('/signout', async (req, res) => {
    const { session } = res.locals;
    if (session.user) {
      await revocations.revoke(session);
      await audit.record({ action: 'sign_out', actor: requestActor(req, res) });
    }
    startSession(res, codec, codec.create(null));
    setFlash(res, 'signedOut');
    res.redirect(303, '/signin');
  });

  return router;
}
