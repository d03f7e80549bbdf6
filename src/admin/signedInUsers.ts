import type { RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import { recentSignIns } from '../audit/recentSignIns';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { HttpError } from '../web/httpErrors';
import { readerTimeZone, requestActor } from '../web/signedInUser';
import { shownTime } from '../web/localTime';

export interface SignedInUsersDeps {
  db: Database;
  /** Refuses every session of this user from now on, on every browser and dyno. */
  revokeUser: (userId: string) => Promise<unknown>;
  audit: AuditLog;
  sessionTtlMs: number;
}

// What a Salesforce user id (or the shared sign-in's `shared`) looks like; nothing else is taken.
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `/users`: the people who may still hold a session, each with a Sign out everywhere button. */
export function showSignedInUsers(deps: SignedInUsersDeps): RequestHandler {
  return async (_req, res) => {
    const timeZone = readerTimeZone(res);
    const users = await recentSignIns(deps.db, deps.sessionTtlMs);
    res.render('users', {
      title: 'Signed-in users',
      users: users.map((user) => ({
        ...user,
        lastSignIn: shownTime(user.lastSignInAt, 'minute', timeZone),
      })),
    });
  };
}

/** `/users/signout`: signs one user out on every browser and dyno, and records it. */
export function signOutEverywhere(deps: SignedInUsersDeps): RequestHandler {
  return async (req, res) => {
    const { user_id: userId, name } = req.body as Record<string, unknown>;
    if (typeof userId !== 'string' || !USER_ID.test(userId)) {
      throw new HttpError(400, 'Unknown user', 'Choose a user from the list of signed-in users.');
    }
    await deps.revokeUser(userId);
    await deps.audit.record({
      action: 'sign_out_everywhere',
      actor: requestActor(req, res),
      detail: `signed out ${userId} everywhere`,
    });
    const shownName = typeof name === 'string' && name !== '' ? name.slice(0, 200) : userId;
    setFlash(res, 'signedOutEverywhere', [shownName]);
    res.redirect(303, '/users');
  };
}
