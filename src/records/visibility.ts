import type { RequestHandler } from 'express';
import type { Mapping } from '../connect/mapping';
import type { MappingCache } from '../connect/mappingCache';
import { OWNER_ID_COLUMN } from '../connect/mappedObject';
import type { OwnerScope } from '../connect/ownerScope';
import { HttpError } from '../web/httpErrors';
import { hasRole, salesforceUserId, type SignedInUser } from '../web/signedInUser';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The records this request may see (connect/ownerScope.ts), behind restrictToOwner. */
      ownerScope: OwnerScope;
    }
  }
}

export type ContactVisibility = 'all' | 'owner';

/**
 * CONTACT_VISIBILITY's rule, the only place it is decided: with `owner`, a viewer or editor
 * sees only the records they own in Salesforce; an admin, and everyone with `all`, sees all.
 * Connect syncs every row as a View All integration user, so Salesforce's own sharing never
 * reaches these tables: this is the app's own, simpler rule. Undefined for a user who has no
 * Salesforce identity, so can own nothing, under `owner`.
 */
export function ownerScopeOf(
  visibility: ContactVisibility,
  user: SignedInUser,
): OwnerScope | undefined {
  if (visibility === 'all' || hasRole(user, 'admin')) return null;
  return salesforceUserId(user) ?? undefined;
}

export const SHARED_SIGN_IN_REFUSED =
  'This app shows each person only the contacts and accounts they own in Salesforce ' +
  '(CONTACT_VISIBILITY=owner), and the shared password has no Salesforce identity to own any. ' +
  'Choose “Sign in with Salesforce” instead, after signing out if the password signed you in.';

/** Why `owner` cannot work with this mapping, or null when it can. */
export function ownerMappingProblem(mapping: Mapping): string | null {
  const missing = [
    mapping.owners ? null : 'Contact.OwnerId',
    mapping.account && !mapping.account.columns.has(OWNER_ID_COLUMN) ? 'Account.OwnerId' : null,
  ].filter((field) => field !== null);
  if (missing.length === 0) return null;
  return (
    `CONTACT_VISIBILITY=owner shows each person the records they own, which needs ` +
    `${missing.join(' and ')} in the Heroku Connect mapping. An admin can add the field to the ` +
    'mapping (pages work again within a minute), or set CONTACT_VISIBILITY=all.'
  );
}

/**
 * Puts the request's OwnerScope in `res.locals.ownerScope`, for every route that shows or
 * changes records; behind requireSignIn. Refuses, rather than shows everything, when the rule
 * cannot be applied: a shared-password session, or a mapping without OwnerId.
 */
export function restrictToOwner(
  visibility: ContactVisibility,
  cachedMapping: MappingCache,
): RequestHandler {
  return async (_req, res, next) => {
    const { user } = res.locals;
    if (!user) throw new HttpError(401, 'Sign in required', 'Sign in and try again.');
    if (visibility === 'owner') {
      const problem = ownerMappingProblem(await cachedMapping.current());
      if (problem) throw new HttpError(503, 'Owner visibility needs OwnerId', problem);
    }
    const scope = ownerScopeOf(visibility, user);
    if (scope === undefined) {
      throw new HttpError(403, 'The shared sign-in is off', SHARED_SIGN_IN_REFUSED);
    }
    res.locals.ownerScope = scope;
    next();
  };
}
