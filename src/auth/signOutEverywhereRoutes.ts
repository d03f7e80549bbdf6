import { Router } from 'express';
import type { AuditLog } from '../audit/auditLog';
import { recentSignIns } from '../audit/recentSignIns';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { HttpError } from '../web/httpErrors';
import { readerTimeZone, requestActor } from '../web/signedInUser';
import { shownTime } from '../web/localTime';
import type { SessionRevocations } from './revokedSessions';

export interface SignOutEverywhereDeps {
  db: Database;
  revocations: SessionRevocations;
  audit: AuditLog;
  sessionTtlMs: number;
  secure: boolean;
}

// What a Salesforce user id (or the shared sign-in's `shared`) looks like; nothing else is taken.
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Admins only (app.ts guards the mount): the people who may still hold a session, each with a
 * button that signs them out on every browser and dyno.
 */
export function signOutEverywhereRoutes(deps: SignOutEverywhereDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const timeZone = readerTimeZone(res);
    const users = await recentSignIns(deps.db, deps.sessionTtlMs);
    res.render('users', {
      title: 'Signed-in users',
      users: users.map((user) => ({
        ...user,
        lastSignIn: shownTime(user.lastSignInAt, 'minute', timeZone),
      })),
    });
  });

  router.post('/signout', async (req, res) => {
    const { user_id: userId, name } = req.body as Record<string, unknown>;
    if (typeof userId !== 'string' || !USER_ID.test(userId)) {
      throw new HttpError(400, 'Unknown user', 'Choose a user from the list of signed-in users.');
    }
    await deps.revocations.revokeUser(userId);
    await deps.audit.record({
      action: 'sign_out_everywhere',
      actor: requestActor(req, res),
      detail: `signed out ${userId} everywhere`,
    });
    const shownName = typeof name === 'string' && name !== '' ? name.slice(0, 200) : userId;
    setFlash(res, 'signedOutEverywhere', deps.secure, [shownName]);
    res.redirect(303, '/users');
  });

  return router;
}
