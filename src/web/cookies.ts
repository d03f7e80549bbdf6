import type { Request, Response } from 'express';

/**
 * A cookie's name on the wire: over https, `__Host-` and the name. Browsers accept a `__Host-`
 * cookie only with Secure, Path=/ and no Domain, so a sibling subdomain or a plain-http page
 * cannot plant or shadow it; over https only that one is read. Over plain http (development,
 * tests) the prefix would make browsers drop the cookie, so the plain name serves there.
 */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** Reads one cookie; values we set are base64url or plain words, so no decoding is needed. */
export function readCookie(req: Request, name: string): string | undefined {
  const wireName = cookieName(name, req.secure);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === wireName) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/**
 * Secure exactly when the browser reached the app over https. Behind Heroku's router `trust
 * proxy` makes `req.secure` say so, and production redirects plain http before any cookie is
 * set; over plain http (local development, tests) the browser must still get the cookie.
 */
function isSecure(res: Response): boolean {
  return res.req.secure;
}

export function writeCookie(res: Response, name: string, value: string, maxAgeMs: number): void {
  res.cookie(cookieName(name, isSecure(res)), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(res),
    path: '/',
    maxAge: maxAgeMs,
    encode: String,
  });
}

export function clearCookie(res: Response, name: string): void {
  res.clearCookie(cookieName(name, isSecure(res)), {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(res),
    path: '/',
  });
}
