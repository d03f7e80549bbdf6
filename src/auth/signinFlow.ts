import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { clearCookie, readCookie, writeCookie } from '../web/cookies';

/** What the callback must check a Salesforce answer against, kept only in the browser. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** Where to go after sign-in: a local path, checked when the flow started. */
  next: string;
  /** The session that started the flow: a callback in any other session is refused. */
  sid: string;
  expiresAt: number;
}

const COOKIE = 'cc_signin';
/** Long enough to type a password and approve two-factor prompts at Salesforce. */
export const SIGNIN_FLOW_TTL_MS = 10 * 60_000;

/**
 * The flow's secrets ride in a signed cookie rather than a server-side store, like the session:
 * any dyno can finish a flow another started. The cookie is SameSite=Lax, which browsers send
 * on Salesforce's top-level redirect back to the callback.
 */
export class SigninFlowCookie {
  private readonly key: Buffer;

  constructor(sessionSecret: string) {
    this.key = createHmac('sha256', sessionSecret).update('contact-card signin flow').digest();
  }

  write(res: Response, flow: PendingSignIn, secure: boolean): void {
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    writeCookie(res, COOKIE, `${payload}.${this.sign(payload)}`, {
      secure,
      maxAgeMs: flow.expiresAt - Date.now(),
    });
  }

  read(req: Request, now = Date.now()): PendingSignIn | null {
    const [payload, signature, extra] = (readCookie(req, COOKIE) ?? '').split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const flow = parseFlow(Buffer.from(payload, 'base64url').toString('utf8'));
    return flow && flow.expiresAt > now ? flow : null;
  }

  clear(res: Response, secure: boolean): void {
    clearCookie(res, COOKIE, secure);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

const TEXT_FIELDS = ['state', 'nonce', 'codeVerifier', 'redirectUri', 'next', 'sid'] as const;

function parseFlow(json: string): PendingSignIn | null {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    const valid =
      TEXT_FIELDS.every((field) => typeof value[field] === 'string') &&
      typeof value.expiresAt === 'number';
    return valid ? (value as unknown as PendingSignIn) : null;
  } catch {
    return null;
  }
}
