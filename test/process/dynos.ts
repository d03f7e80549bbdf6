import http from 'node:http';
import { csrfTokenIn, httpUser, VIA_HTTPS, type Reply } from '../support/httpUser';
import { APP_PASSWORD, listening, startServer, type RunningServer } from '../support/builtServer';
import type { Build } from '../support/sharedBuild';

/** Every dyno of an app gets the same config vars; the session secret is the one that matters. */
const SESSION_SECRET = 'two-dynos-share-this-secret-of-at-least-32-characters';

/**
 * Two dynos of one app, as `heroku ps:scale web=2` runs them: production processes with one
 * worker each, the same config vars and one database, and nothing else in common.
 */
export async function startDynos(
  build: Build,
  databaseUrl: string,
): Promise<[RunningServer, RunningServer]> {
  const env = { DATABASE_URL: databaseUrl, SESSION_SECRET, WEB_CONCURRENCY: '1' };
  const dynos = await Promise.all([startServer(build, env), startServer(build, env)]);
  await Promise.all(dynos.map((dyno) => listening(dyno, 1)));
  return [dynos[0], dynos[1]];
}

/**
 * A browser behind Heroku's router: one cookie jar, and each request goes to the dyno the test
 * names, as the router may pick either. `headers` go with every request (an X-Forwarded-For).
 */
export function routedBrowser(headers: Record<string, string> = {}) {
  // No base URL: every path below is a dyno's whole URL.
  const user = httpUser('', false, headers);
  const get = (dyno: RunningServer, path: string) => user.get(`${dyno.url}${path}`);
  const post = (dyno: RunningServer, path: string, form: Record<string, string>) =>
    user.post(`${dyno.url}${path}`, form);
  return {
    get,
    post,
    cookie: user.cookie,
    /** Posts the sign-in form from `dyno`'s sign-in page, and says how it was answered. */
    async signIn(dyno: RunningServer, password = APP_PASSWORD): Promise<Reply> {
      const page = await get(dyno, '/signin');
      return post(dyno, '/signin', { _csrf: csrfTokenIn(page.text), password, next: '/contacts' });
    },
  };
}

export type RoutedBrowser = ReturnType<typeof routedBrowser>;

/** A GET that sends `cookie` as it was, as a copy someone kept of it would be sent. */
export function replay(dyno: RunningServer, path: string, cookie: string): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const request = http.get(
      `${dyno.url}${path}`,
      { agent: false, timeout: 30_000, headers: { ...VIA_HTTPS, Cookie: cookie } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out`)));
    request.on('error', reject);
  });
}
