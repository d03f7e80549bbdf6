import type { RequestHandler } from 'express';
import { isUsable } from '../connect/mapping';
import type { MappingCache } from '../connect/mappingCache';

/**
 * `/setup` is open to anyone until Connect has created a usable table: it is where "Deploy to
 * Heroku" lands (app.json success_url), and the admin wiring up Connect follows its steps before
 * anyone may know the password or Salesforce sign-in works. Then it tells only what a newly
 * deployed app's repository tells anyway. Once set up, it names the schema, the table and how
 * people sign in (whether one shared password guards CRM data), so it takes `signedIn`.
 */
export function publicUntilSetUp(
  cachedMapping: MappingCache,
  signedIn: RequestHandler,
): RequestHandler {
  return async (req, res, next) => {
    if (!isUsable(await cachedMapping.current())) return next();
    await signedIn(req, res, next);
  };
}
