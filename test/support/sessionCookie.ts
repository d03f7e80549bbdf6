/** What the session cookie is called: over https (behind Heroku's router) with `__Host-`. */
const SESSION_COOKIE_NAME = /^(__Host-)?cc_session=/;

/** The `cc_session=…` pair from a response's Set-Cookie, to replay as a browser (or a thief) would. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  return sessionCookieHeader(setCookie).split(';')[0] ?? '';
}

/** The session cookie's value alone: what the app's codec decodes. */
export function sessionCookieValue(setCookie: string[] | string | undefined): string {
  return sessionCookie(setCookie).replace(SESSION_COOKIE_NAME, '');
}

/** The whole Set-Cookie line for the session cookie, with its attributes. */
export function sessionCookieHeader(setCookie: string[] | string | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : [setCookie ?? ''];
  const session = cookies.find((c) => SESSION_COOKIE_NAME.test(c));
  if (!session) throw new Error('no session cookie was set');
  return session;
}
