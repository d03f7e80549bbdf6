import type { RequestHandler, Response } from 'express';
import { clearCookie, readCookie, writeCookie } from './cookies';
import { isolated } from './isolated';

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

/**
 * One-shot messages shown after a redirect. The cookie holds a code, never the text itself,
 * and at most a few names the message lists, which are escaped like any text on the page.
 * `{fields}` lists the app's own field labels; `{people}` lists people's names, user text, so
 * each is isolated: a right-to-left override in one cannot reorder the message around it.
 * `{count}` counts failed rows: the first name, read only when it is a number.
 */
const MESSAGES = {
  saved: 'Saved; syncing to Salesforce.',
  merged: 'Saved; syncing to Salesforce. What others changed meanwhile was kept: {fields}.',
  created: 'Created; syncing to Salesforce.',
  alreadyCreated: 'This form was already sent, so no second contact was created.',
  alreadyCreatedAccount: 'This form was already sent, so no second account was created.',
  deleted: 'Deleted; Heroku Connect will delete it in Salesforce too.',
  unchanged: 'Nothing changed, so nothing was sent to Salesforce.',
  nothingChosen:
    'No contacts were chosen. Tick the contacts to work on, or choose all that match the list.',
  reassigned:
    'Saved; syncing to Salesforce. {people} owns the contact now, so you no longer see it.',
  signedOut: 'You are signed out.',
  signedOutEverywhere: '{people} is signed out on every browser.',
  signedOutElsewhere: 'You are signed out on every other browser; this one stays signed in.',
  retriedBatch: 'Retried {count}; syncing to Salesforce.',
} as const;

export type FlashCode = keyof typeof MESSAGES;

const MAX_NAMES = 20;
const LIST = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

export function setFlash(res: Response, code: FlashCode, names: readonly string[] = []): void {
  const listed = names.slice(0, MAX_NAMES);
  const value =
    listed.length > 0
      ? `${code}.${Buffer.from(JSON.stringify(listed)).toString('base64url')}`
      : code;
  writeCookie(res, FLASH_COOKIE, value, 60_000);
}

export function readFlash(): RequestHandler {
  return (req, res, next) => {
    const cookie = readCookie(req, FLASH_COOKIE);
    res.locals.flash = cookie === undefined ? null : flashMessage(cookie);
    if (cookie !== undefined) clearCookie(res, FLASH_COOKIE);
    next();
  };
}

function flashMessage(cookie: string): string | null {
  const [code = '', encoded = ''] = cookie.split('.');
  if (!Object.hasOwn(MESSAGES, code)) return null;
  const names = namesIn(encoded);
  return MESSAGES[code as FlashCode]
    .replace('{fields}', LIST.format(names) || 'other fields')
    .replace('{people}', LIST.format(names.map(isolated)))
    .replace('{count}', failedRows(names[0]));
}

function failedRows(count: string | undefined): string {
  if (count === undefined || !/^\d{1,9}$/.test(count)) return 'the failed rows';
  return `${Number(count).toLocaleString('en')} failed ${count === '1' ? 'row' : 'rows'}`;
}

function namesIn(encoded: string): string[] {
  try {
    const names: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return Array.isArray(names)
      ? names.filter((name) => typeof name === 'string').slice(0, MAX_NAMES)
      : [];
  } catch {
    return [];
  }
}
