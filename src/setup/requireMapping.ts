import type { RequestHandler } from 'express';
import type { Mapping } from '../connect/mapping';
import { isUsable } from '../connect/mapping';
import type { MappingCache } from '../connect/mappingCache';
import { setupView } from './setupView';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** What Connect has mapped, for every route behind requireMapping. */
      mapping: Mapping;
    }
  }
}

/**
 * Right after "Deploy to Heroku" Connect has not created the table yet: the routes behind this
 * explain what to do instead of failing, and otherwise find the mapping in `res.locals.mapping`.
 */
export function requireMapping(
  cachedMapping: MappingCache,
  herokuAppName: string | undefined,
): RequestHandler {
  return async (req, res, next) => {
    const mapping = await cachedMapping.current();
    if (!isUsable(mapping)) {
      res
        .status(req.method === 'GET' ? 200 : 409)
        .render('setup', setupView(mapping, herokuAppName));
      return;
    }
    res.locals.mapping = mapping;
    next();
  };
}
