import http from 'node:http';
import { httpUser } from '../../bench/http';
import { APP_PASSWORD } from './builtServer';

/**
 * A browser for a server in another process, which signs in with the tests' password. It keeps
 * connections alive between requests, as browsers and Heroku's router do.
 */
export function browser(baseUrl: string) {
  const user = httpUser(baseUrl, new http.Agent({ keepAlive: true }));
  return { ...user, signIn: () => user.signIn(APP_PASSWORD) };
}
