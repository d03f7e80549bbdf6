import type { Request, Response } from 'express';
import { clearCookie, readCookie, writeCookie } from '../web/cookies';
import { hmac, signJson, verifiedJson } from './signedJson';

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
    this.key = hmac(sessionSecret, 'contact-card signin flow');
  }

  write(res: Response, flow: PendingSignIn): void {
    writeCookie(res, COOKIE, signJson(this.key, flow), flow.expiresAt - Date.now());
  }

  read(req: Request, now = Date.now()): PendingSignIn | null {
    const json = verifiedJson(this.key, readCookie(req, COOKIE));
    const flow = json === null ? null : parseFlow(json);
    return flow && flow.expiresAt > now ? flow : null;
  }

  clear(res: Response): void {
    clearCookie(res, COOKIE);
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
