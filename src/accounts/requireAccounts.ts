import type { RequestHandler } from 'express';
import { accountMapping } from './accountTable';

/**
 * Behind requireMapping: Contact is usable, but Account may not be mapped, and then every
 * /accounts URL answers 404 with a page that says so rather than failing on a missing table.
 */
export const requireAccounts: RequestHandler = (_req, res, next) => {
  accountMapping(res.locals.mapping);
  next();
};
