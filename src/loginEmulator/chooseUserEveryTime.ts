import type { Middleware } from 'oidc-provider';
import { SALESFORCE_PATHS } from './salesforcePaths';

const SESSION_COOKIE = /^_session(\.[a-z]+)?=/;

/**
 * Every sign-in shows the login page, even in a browser that signed in before, so a developer
 * or test can sign out of the app and back in as someone else. The provider otherwise reuses
 * its session and, with RP-initiated logout off, cannot end it (its switch-user path posts to
 * the logout endpoint). So the authorization endpoint and its resume path never see the
 * session cookie: each sign-in starts a new provider session.
 */
export const chooseUserEveryTime: Middleware = async (ctx, next) => {
  const { headers } = ctx.req;
  if (ctx.path.startsWith(SALESFORCE_PATHS.authorization) && headers.cookie) {
    headers.cookie = headers.cookie
      .split(';')
      .filter((pair) => !SESSION_COOKIE.test(pair.trim()))
      .join(';');
  }
  await next();
};
