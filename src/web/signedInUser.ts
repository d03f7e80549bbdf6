import type { Request, Response } from 'express';
import { HttpError } from './httpErrors';
import { UTC } from './localTime';
import { requestIdOf } from './requestLogging';

/** viewer reads; editor also creates, edits, deletes and retries; admin also audits and signs users out. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface SignedInUser {
  /** The Salesforce user id, or `shared` for the password sign-in. */
  id: string;
  orgId: string | null;
  username: string;
  name: string;
  role: Role;
  /** The IANA zone pages show times in: the user's Salesforce zone; UTC for the shared sign-in. */
  timeZone: string;
}

/** What a page may offer: views hide the controls a role cannot use. */
export interface Abilities {
  edit: boolean;
  administer: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Who is signed in on this request, or null. */
      user: SignedInUser | null;
      can: Abilities;
    }
  }
}

export function hasRole(user: SignedInUser | null, needed: Role): boolean {
  return user !== null && ROLES.indexOf(user.role) >= ROLES.indexOf(needed);
}

export function abilitiesOf(user: SignedInUser | null): Abilities {
  return { edit: hasRole(user, 'editor'), administer: hasRole(user, 'admin') };
}

/** The shared password sign-in's user id: no Salesforce user, so it owns no records. */
export const SHARED_USER_ID = 'shared';

/** The signed-in Salesforce user's id, which OwnerId holds; null for the shared sign-in. */
export function salesforceUserId(user: Pick<SignedInUser, 'id'> | null): string | null {
  return user && user.id !== SHARED_USER_ID ? user.id : null;
}

/** The zone this request's pages show times in. */
export function readerTimeZone(res: Response): string {
  return res.locals.user?.timeZone ?? UTC;
}

/** The author of a change, as the audit trail records it. Only for routes behind sign-in. */
export function requestActor(
  req: Request,
  res: Response,
): { user: SignedInUser; requestId: string } {
  const { user } = res.locals;
  if (!user) throw new HttpError(401, 'Sign in required', 'Sign in and try again.');
  return actorFor(req, user);
}

/** `user` as the author of this request, for a sign-in, which has no session user yet. */
export function actorFor<User extends Pick<SignedInUser, 'id' | 'username' | 'name'>>(
  req: Request,
  user: User,
): { user: User; requestId: string } {
  return { user, requestId: requestIdOf(req) };
}
