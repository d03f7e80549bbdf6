/**
 * A signed-in HTTP session for arranging data (a contact per test) without driving a browser:
 * what a test is about still happens in Chromium.
 */
export interface HttpSession {
  /** GETs `path`, following redirects (a synced card moves from its external id to its sfid). */
  get(path: string): Promise<Response>;
  /** Posts a form from `formPath` (for its CSRF token) and returns the redirect target. */
  submit(formPath: string, action: string, fields: Record<string, string>): Promise<string>;
}

export async function signedInSession(baseUrl: string, password: string): Promise<HttpSession> {
  const cookies = new Map<string, string>();
  /** GET, or POST when there is a form; only a GET follows redirects. */
  const send = async (path: string, form?: URLSearchParams) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      body: form?.toString(),
      redirect: form ? 'manual' : 'follow',
      headers: {
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        // No idle keep-alive sockets to hold jest open after the last test.
        Connection: 'close',
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  };
  const submit = async (formPath: string, action: string, fields: Record<string, string>) => {
    const form = await send(formPath);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    if (!token) throw new Error(`${formPath} has no CSRF token`);
    const response = await send(action, new URLSearchParams({ _csrf: token, ...fields }));
    const location = response.headers.get('location');
    if (response.status !== 303 || !location) {
      throw new Error(`POST ${action} answered ${response.status}, not a redirect`);
    }
    return location;
  };
  const landing = await submit('/signin', '/signin', { password, next: '/contacts' });
  if (landing !== '/contacts') throw new Error(`sign-in went to ${landing}`);
  return { get: (path) => send(path), submit };
}

/** Creates a contact through the app, as the New contact form does; resolves to its card's path. */
export function createContact(
  session: HttpSession,
  values: Record<string, string>,
): Promise<string> {
  return session.submit('/contacts/new', '/contacts', values);
}
