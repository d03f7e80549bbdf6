import type { Request, Response } from 'express';
import { readCookie, writeCookie } from '../web/cookies';
import { abilitiesOf } from '../web/signedInUser';
import type { Session, SessionCodec } from './session';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      session: Session;
      /** The token every form of this session echoes (see requireCsrfToken). */
      csrfToken: string;
    }
  }
}

export const SESSION_COOKIE = 'cc_session';

export function readSession(codec: SessionCodec, req: Request): Session | null {
  return codec.decode(readCookie(req, SESSION_COOKIE));
}

/** The one place a session cookie is written: the cookie and this request's view of it agree. */
export function startSession(res: Response, codec: SessionCodec, session: Session): void {
  writeCookie(res, SESSION_COOKIE, codec.encode(session), session.expiresAt - Date.now());
  useSession(res, codec, session);
}

export function useSession(res: Response, codec: SessionCodec, session: Session): void {
  res.locals.session = session;
  res.locals.user = session.user;
  res.locals.can = abilitiesOf(session.user);
  res.locals.csrfToken = codec.csrfToken(session);
}
