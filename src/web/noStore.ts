import type { RequestHandler } from 'express';

/**
 * Every response from the session on is made for one browser: a signed-in page holds CRM data
 * and the user's name, and every page, the sign-in form too, holds its session's CSRF token.
 * None may be kept by a cache between, nor by the browser for its back button on a shared
 * machine after sign-out. Assets and /healthz come before the session and keep their own rules.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
