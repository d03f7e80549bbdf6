import http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Heroku's router says how the request arrived; production redirects anything but https. */
export const VIA_HTTPS = { 'X-Forwarded-Proto': 'https' };

/**
 * The page readers every kind of test shares (this folder's tests, bench/ and e2e/): a
 * browser-like client that keeps the session cookie between requests and signs in through the
 * form, and readers for a page's CSRF token and edit form. A keep-alive `agent` reuses
 * connections, as a browser does, so a long run does not use up loopback's ephemeral ports.
 * `headers` go with every request: say, the X-Forwarded-For Heroku's router would add.
 */
export function httpUser(
  baseUrl: string,
  agent: http.Agent | false = false,
  headers: Record<string, string> = {},
) {
  const cookies = new Map<string, string>();
  const send = (method: string, path: string, form?: Record<string, string>) =>
    new Promise<Reply>((resolve, reject) => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      const request = http.request(
        `${baseUrl}${path}`,
        {
          method,
          agent,
          timeout: 30_000,
          headers: {
            ...VIA_HTTPS,
            ...headers,
            Cookie: cookieHeader(cookies),
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
      request.on('timeout', () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on('error', reject);
      request.end(body);
    });
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, form: Record<string, string>) => send('POST', path, form),
    cookie: () => cookieHeader(cookies),
    /** Signs in through the sign-in form, as a browser would. */
    async signIn(password: string): Promise<void> {
      const signin = await send('GET', '/signin');
      const signedIn = await send('POST', '/signin', {
        _csrf: csrfTokenIn(signin.text),
        password,
        next: '/contacts',
      });
      if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
    },
  };
}

export type HttpUser = ReturnType<typeof httpUser>;

/** A user who has signed in. */
export async function signIn(
  baseUrl: string,
  password: string,
  agent: http.Agent | false = false,
): Promise<HttpUser> {
  const user = httpUser(baseUrl, agent);
  await user.signIn(password);
  return user;
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The CSRF token in a page's forms. */
export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('page has no CSRF token');
  return token;
}

/** Every named input of the form holding `shown` (an edit form), as a browser would submit it. */
export function editFormValues(html: string): Record<string, string> {
  const start = html.indexOf('name="shown"');
  if (start < 0) throw new Error('page has no edit form');
  const form = html.slice(html.lastIndexOf('<form', start), html.indexOf('</form>', start));
  const values: Record<string, string> = {};
  for (const [, name = '', value = ''] of form.matchAll(
    /<input[^>]*name="([^"]+)" value="([^"]*)"/g,
  )) {
    values[name] = decodeHtml(value);
  }
  for (const [, name = '', value = ''] of form.matchAll(
    /<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g,
  )) {
    // The HTML parser drops one line break straight after the start tag.
    values[name] = decodeHtml(value.replace(/^\r?\n/, ''));
  }
  return values;
}

/** Undoes EJS's escaping of `& < > " '`. */
export function decodeHtml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#34;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The hidden fields of the page's form that posts to `action`, as a browser sends them back. */
export function hiddenFieldsIn(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form [^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1];
  if (form === undefined) throw new Error(`page has no form that posts to ${action}`);
  const hidden = form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g);
  return Object.fromEntries(
    Array.from(hidden, ([, name = '', value = '']) => [name, decodeHtml(value)] as const),
  );
}
