import { Router, type Request, type RequestHandler } from 'express';
import type { AuditLog } from '../audit/auditLog';
import type { SalesforceSignIn } from '../config';
import { HttpError } from '../web/httpErrors';
import { isolated } from '../web/isolated';
import { safeLocalPath } from '../web/safeLocalPath';
import { actorFor, type Role, type SignedInUser } from '../web/signedInUser';
import { AFTER_SIGN_IN } from './afterSignIn';
import { roleFromPermissions, ROLE_PERMISSIONS } from './salesforceRole';
import {
  SalesforceUnavailable,
  SigninRejected,
  type SalesforceIdentity,
  type SalesforceSignin,
} from './salesforceSignin';
import type { SessionCodec } from './session';
import { startSession } from './sessionCookie';
import { SIGNIN_FLOW_TTL_MS, type SigninFlowCookie } from './signinFlow';

export interface SalesforceRouteDeps {
  codec: SessionCodec;
  signin: SalesforceSignin;
  flows: SigninFlowCookie;
  settings: Pick<SalesforceSignIn, 'orgId' | 'appUrl'>;
  defaultRole: Role | 'none';
  audit: AuditLog;
  /** Rate limits every request to both routes passes first. */
  limits: RequestHandler[];
}

export const CALLBACK_PATH = '/auth/salesforce/callback';

/** "Sign in with Salesforce": the authorization code flow with PKCE, state and nonce. */
export function salesforceRoutes(deps: SalesforceRouteDeps): Router {
  const { codec, signin, flows } = deps;
  const router = Router();

  // From configuration, never from the request: its Host header is whatever the sender wrote.
  const redirectUri = new URL(CALLBACK_PATH, deps.settings.appUrl).href;

  router.get('/auth/salesforce', ...deps.limits, async (req, res) => {
    const { url, checks } = await unlessUnavailable(signin.begin(redirectUri));
    flows.write(res, {
      ...checks,
      redirectUri,
      next: safeLocalPath(req.query.next) ?? AFTER_SIGN_IN,
      sid: res.locals.session.sid,
      expiresAt: Date.now() + SIGNIN_FLOW_TTL_MS,
    });
    res.redirect(303, url.href);
  });

  router.get(CALLBACK_PATH, ...deps.limits, async (req, res) => {
    const flow = flows.read(req);
    flows.clear(res);
    if (!flow || flow.sid !== res.locals.session.sid) throw new SigninNotStartedHere();
    const identity = await unlessUnavailable(
      signin.finish(new URL(req.originalUrl, flow.redirectUri), flow).catch((error: unknown) => {
        throw error instanceof SigninRejected ? new SigninFailed(error) : error;
      }),
    );
    const user = await admit(deps, req, identity);
    await deps.audit.record({ action: 'sign_in', actor: actorFor(req, user) });
    // A new session id, so anything planted in the session before sign-in is worthless after it.
    startSession(res, codec, codec.create(user));
    res.redirect(303, flow.next);
  });

  return router;
}

/** The user as the session keeps them, or a recorded 403 for the wrong org or no permission. */
async function admit(
  deps: SalesforceRouteDeps,
  req: Request,
  identity: SalesforceIdentity,
): Promise<SignedInUser> {
  const candidate = {
    id: identity.userId,
    orgId: identity.orgId,
    username: identity.username,
    name: identity.name,
    timeZone: identity.timeZone,
  };
  const refuse = async (detail: string, error: HttpError) => {
    await deps.audit.record({ action: 'refused', actor: actorFor(req, candidate), detail });
    return Promise.reject(error);
  };
  if (!sameOrg(identity.orgId, deps.settings.orgId)) {
    return refuse(
      `sign-in from org ${identity.orgId}, not ${deps.settings.orgId}`,
      new HttpError(
        403,
        'Wrong Salesforce org',
        `You signed in to Salesforce as ${isolated(identity.username)}, a user of org ${identity.orgId}. This Contact Card is for org ${deps.settings.orgId}: sign in to Salesforce with your account there.`,
      ),
    );
  }
  const role = roleFromPermissions(identity.customPermissions, deps.defaultRole);
  if (!role) {
    const permissions = ROLE_PERMISSIONS.map(({ permission }) => permission).join(', ');
    return refuse(
      'sign-in without a Contact Card permission',
      new HttpError(
        403,
        'No access to Contact Card',
        `Your Salesforce user ${isolated(identity.username)} has none of Contact Card's permissions. Ask your Salesforce admin for a permission set with one of these custom permissions: ${permissions}.`,
      ),
    );
  }
  return { ...candidate, role };
}

/** Org ids come as 15 characters or 18 (15 plus a checksum); the first 15 are the id. */
function sameOrg(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

async function unlessUnavailable<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw error instanceof SalesforceUnavailable
      ? new HttpError(
          503,
          'Salesforce is unavailable',
          'Salesforce sign-in cannot be reached just now. Try again in a minute.',
          { cause: error },
        )
      : error;
  });
}

class SigninNotStartedHere extends HttpError {
  constructor() {
    super(
      400,
      'Sign-in expired',
      'This sign-in did not start in this browser, was already used, or took too long. Sign in again.',
    );
  }
}

class SigninFailed extends HttpError {
  constructor(cause: SigninRejected) {
    super(
      400,
      'Sign-in failed',
      "Salesforce's answer to this sign-in could not be accepted. Sign in again.",
      { cause },
    );
  }
}
