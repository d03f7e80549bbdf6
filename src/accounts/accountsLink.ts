import type { RequestHandler } from 'express';
import type { MappingCache } from '../connect/mappingCache';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Whether the header links to /accounts: only when Connect maps Account. */
      accountsLink?: boolean;
    }
  }
}

/**
 * Every signed-in page's header asks whether Account is mapped. The cached mapping answers
 * without a query while it is usable; a failure to read it leaves the link out rather than
 * failing a page that never needed accounts.
 */
export function accountsLink(cachedMapping: MappingCache): RequestHandler {
  return async (_req, res, next) => {
    if (res.locals.user) {
      res.locals.accountsLink = await cachedMapping.current().then(
        (mapping) => mapping.account !== null,
        () => false,
      );
    }
    next();
  };
}
