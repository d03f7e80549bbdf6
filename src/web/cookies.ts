import type { Request, Response } from 'express';

/** Reads one cookie; values we set are base64url or plain words, so no decoding is needed. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
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
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(res),
    path: '/',
    maxAge: maxAgeMs,
    encode: String,
  });
}

export function clearCookie(res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: isSecure(res), path: '/' });
}
