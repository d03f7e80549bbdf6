import { httpUser } from '../../bench/http';
import { APP_PASSWORD } from './builtServer';

/** A browser for a server in another process, which signs in with the tests' password. */
export function browser(baseUrl: string) {
  const user = httpUser(baseUrl);
  return { ...user, signIn: () => user.signIn(APP_PASSWORD) };
}
