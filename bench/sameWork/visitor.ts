import type { IncomingMessage } from 'node:http';
import type { Session } from '../../src/auth/session';
import { SESSION_COOKIE } from '../../src/auth/sessionCookie';
import { cookieName } from '../../src/web/cookies';
import { abilitiesOf, type Abilities, type SignedInUser } from '../../src/web/signedInUser';
import type { Services } from './services';

/** Who sent a request: what the app's session middleware puts in res.locals. */
export interface Visitor {
  session: Session;
  user: SignedInUser;
  can: Abilities;
  csrfToken: string;
  /** Whether the header links to /accounts, as src/accounts/accountsLink.ts decides it. */
  accountsLink: boolean;
}

/**
 * The signed-in user of a request, or null: the session cookie's signature checked by the
 * app's codec, then the app's revocation check (one query per session every few seconds,
 * through the same per-process cache as the app's), and the CSRF token every page's forms
 * carry, derived per request as the app derives it. Then, as the app's accountsLink middleware,
 * whether Account is mapped, from the cached mapping (no query while it is usable); a failure
 * to read it leaves the link out.
 */
export async function visitorOf(req: IncomingMessage, services: Services): Promise<Visitor | null> {
  const session = services.codec.decode(
    cookie(req.headers.cookie ?? '', cookieName(SESSION_COOKIE, true)),
  );
  const user = session?.user;
  if (!session || !user) return null;
  if (await services.revocations.isRevoked(session)) return null;
  return {
    session,
    user,
    can: abilitiesOf(user),
    csrfToken: services.codec.csrfToken(session),
    accountsLink: await services.mappings.current().then(
      (mapping) => mapping.account !== null,
      () => false,
    ),
  };
}

function cookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}
