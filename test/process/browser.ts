import { httpUser } from '../support/httpUser';
import { APP_PASSWORD } from '../support/builtServer';

/**
 * A browser for a server in another process, which signs in with the tests' password. Each
 * request opens a connection of its own: reusing a kept-alive one races the server closing it
 * when idle, which a loaded machine turns into a "socket hang up" the app is not to blame for.
 */
export function browser(baseUrl: string) {
  const user = httpUser(baseUrl);
  return { ...user, signIn: () => user.signIn(APP_PASSWORD) };
}
