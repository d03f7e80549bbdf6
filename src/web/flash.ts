import type { RequestHandler, Response } from 'express';
import { clearCookie, readCookie, writeCookie } from './cookies';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The message of the redirect that led here, shown once. */
      flash: string | null;
    }
  }
}

const FLASH_COOKIE = 'cc_flash';

/** One-shot messages shown after a redirect. The cookie holds a code, never the text itself. */
const MESSAGES = {
  saved: 'Saved; syncing to Salesforce.',
  created: 'Created; syncing to Salesforce.',
  deleted: 'Deleted; Heroku Connect will delete it in Salesforce too.',
  unchanged: 'Nothing changed, so nothing was sent to Salesforce.',
  signedOut: 'You are signed out.',
} as const;

export type FlashCode = keyof typeof MESSAGES;

export function setFlash(res: Response, code: FlashCode, secure: boolean): void {
  writeCookie(res, FLASH_COOKIE, code, { secure, maxAgeMs: 60_000 });
}

export function readFlash(secure: boolean): RequestHandler {
  return (req, res, next) => {
    const code = readCookie(req, FLASH_COOKIE);
    res.locals.flash = code && code in MESSAGES ? MESSAGES[code as FlashCode] : null;
    if (code !== undefined) clearCookie(res, FLASH_COOKIE, secure);
    next();
  };
}
