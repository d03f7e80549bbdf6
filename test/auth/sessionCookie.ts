import type { Response } from 'supertest';

/** The session cookie a response set, as `name=value` ready for a Cookie header. */
export function sessionCookieFrom(res: Response): string {
  const header: unknown = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? (header as string[]) : [];
  const session = cookies.find((cookie) => cookie.startsWith('cc_session='));
  if (!session) throw new Error('response set no session cookie');
  return session.split(';')[0] ?? '';
}
