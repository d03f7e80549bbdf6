import type { RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import { setFlash } from '../web/flash';
import { ForbiddenError } from '../web/httpErrors';
import { shownTime } from '../web/localTime';
import { readerTimeZone, requestActor, salesforceUserId } from '../web/signedInUser';
import type { SessionRevocations } from './revokedSessions';
import type { SessionCodec } from './session';
import { startSession } from './sessionCookie';

export interface OwnSessionsDeps {
  codec: SessionCodec;
  revocations: SessionRevocations;
  audit: AuditLog;
}

/** `/session`: who this browser is signed in as, until when, and "Sign out everywhere else". */
export function showOwnSession(): RequestHandler {
  return (_req, res) => {
    const { session } = res.locals;
    const timeZone = readerTimeZone(res);
    res.render('session', {
      title: 'Your session',
      // The shared sign-in is everyone who knows the password, not one person's browsers.
      ownSessions: salesforceUserId(session.user) !== null,
      expires: shownTime(new Date(session.expiresAt), 'minute', timeZone),
    });
  };
}

/**
 * `/session/signout-others`: the admin's "Sign out everywhere" for one's own user (every
 * session issued until now is refused, on every dyno), after which this browser gets the same
 * sign-in under a new session id issued just after that instant, so it alone stays signed in.
 */
export function signOutOtherSessions(deps: OwnSessionsDeps): RequestHandler {
  return async (req, res) => {
    const { session } = res.locals;
    const actor = requestActor(req, res);
    if (salesforceUserId(actor.user) === null) {
      throw new ForbiddenError(
        'The shared sign-in is everyone who knows the password, so nobody can sign the others out. Changing APP_PASSWORD signs everybody out.',
      );
    }
    const signedOutAt = await deps.revocations.revokeUser(actor.user.id);
    startSession(res, deps.codec, deps.codec.reissue(session, signedOutAt + 1));
    await deps.audit.record({
      action: 'sign_out_elsewhere',
      actor,
      detail: 'signed out their other sessions',
    });
    setFlash(res, 'signedOutElsewhere');
    res.redirect(303, '/session');
  };
}
