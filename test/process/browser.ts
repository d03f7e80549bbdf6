import http from 'node:http';
import { csrfTokenIn } from '../support/testApp';
import { APP_PASSWORD } from './builtServer';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * A minimal browser for a server in another process: keeps the session cookie, and says the
 * request came over https, as Heroku's router does (production redirects plain http).
 */
export function browser(baseUrl: string) {
  const cookies = new Map<string, string>();
  const send = (method: string, path: string, form?: Record<string, string>) =>
    new Promise<Reply>((resolve, reject) => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      const request = http.request(
        `${baseUrl}${path}`,
        {
          method,
          headers: {
            'X-Forwarded-Proto': 'https',
            Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
            ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          },
        },
        (response) => {
          for (const line of response.headers['set-cookie'] ?? []) {
            const [pair = ''] = line.split(';');
            const separator = pair.indexOf('=');
            cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
          }
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
          });
        },
      );
      // A hung request fails the test with a reason instead of running into jest's timeout.
      request.setTimeout(15_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on('error', reject);
      request.end(body);
    });
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, form: Record<string, string>) => send('POST', path, form),
    async signIn(): Promise<void> {
      const page = await send('GET', '/signin');
      const reply = await send('POST', '/signin', {
        _csrf: csrfTokenIn(page.text),
        password: APP_PASSWORD,
        next: '/contacts',
      });
      if (reply.status !== 303) throw new Error(`sign-in answered ${reply.status}`);
    },
  };
}
