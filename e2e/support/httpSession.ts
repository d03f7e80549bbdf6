import { hiddenFieldsIn, httpUser } from '../../test/support/httpUser';

/** A page a GET ended on, after any redirects. */
export interface Landing {
  path: string;
  text: string;
}

/**
 * A signed-in HTTP session for arranging data (a contact per test) without driving a browser:
 * what a test is about still happens in Chromium.
 */
export interface HttpSession {
  /** GETs `path`, following redirects (a synced card moves from its external id to its sfid). */
  get(path: string): Promise<Landing>;
  /** Posts a form from `formPath` with its hidden fields (tokens) and returns the redirect target. */
  submit(formPath: string, action: string, fields: Record<string, string>): Promise<string>;
}

const MAX_REDIRECTS = 5;

export async function signedInSession(baseUrl: string, password: string): Promise<HttpSession> {
  const user = httpUser(baseUrl);
  const get = async (path: string): Promise<Landing> => {
    let current = path;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const reply = await user.get(current);
      const location = reply.headers.location;
      if (reply.status < 300 || reply.status >= 400 || !location) {
        return { path: current, text: reply.text };
      }
      current = new URL(location, baseUrl).pathname;
    }
    throw new Error(`GET ${path} redirected more than ${MAX_REDIRECTS} times`);
  };
  const submit = async (formPath: string, action: string, fields: Record<string, string>) => {
    const form = await user.get(formPath);
    const reply = await user.post(action, { ...hiddenFieldsIn(form.text, action), ...fields });
    const location = reply.headers.location;
    if (reply.status !== 303 || !location) {
      throw new Error(`POST ${action} answered ${reply.status}, not a redirect`);
    }
    return location;
  };
  await user.signIn(password);
  return { get, submit };
}

/** Creates a contact through the app, as the New contact form does; resolves to its card's path. */
export function createContact(
  session: HttpSession,
  values: Record<string, string>,
): Promise<string> {
  return session.submit('/contacts/new', '/contacts', values);
}
