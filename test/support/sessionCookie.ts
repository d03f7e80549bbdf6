/** The `cc_session=…` pair from a response's Set-Cookie, to replay as a browser (or a thief) would. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  return sessionCookieHeader(setCookie).split(';')[0] ?? '';
}

/** The whole Set-Cookie line for the session cookie, with its attributes. */
export function sessionCookieHeader(setCookie: string[] | string | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : [setCookie ?? ''];
  const session = cookies.find((c) => c.startsWith('cc_session='));
  if (!session) throw new Error('no session cookie was set');
  return session;
}
