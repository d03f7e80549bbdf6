import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

const BEARER = /^Bearer ([^\s]+)$/;

/**
 * Who reads /healthz's details: a monitor sending HEALTHZ_TOKEN as `Authorization: Bearer …`,
 * or an admin signed in (`isSignedInAdmin`, which the app builds from its sessions).
 */
export function detailsAccess(
  token: string | undefined,
  isSignedInAdmin: (req: Request) => Promise<boolean>,
): (req: Request) => Promise<boolean> {
  const expected = token === undefined ? null : digest(token);
  return async (req) => {
    const offered = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (expected && offered !== undefined && timingSafeEqual(digest(offered), expected)) {
      return true;
    }
    return isSignedInAdmin(req);
  };
}

// Digests are all one length, so the comparison takes the same time whatever was offered.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
