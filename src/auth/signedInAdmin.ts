import type { Request } from 'express';
import type { SessionRevocations } from './revokedSessions';
import type { SessionCodec } from './session';
import { readSession } from './sessionCookie';

/**
 * Whether the request carries an admin's live session, for answers given before the session
 * middleware (/healthz): it reads the cookie without starting a session or setting one.
 */
export function signedInAdmin(
  codec: SessionCodec,
  revocations: SessionRevocations,
): (req: Request) => Promise<boolean> {
  return async (req) => {
    const session = readSession(codec, req);
    if (session?.user?.role !== 'admin') return false;
    return !(await revocations.isRevoked(session));
  };
}
