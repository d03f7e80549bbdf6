import { randomBytes } from 'node:crypto';
import { timeZoneOrUtc, UTC } from '../web/localTime';
import { ROLES, SHARED_USER_ID, type SignedInUser } from '../web/signedInUser';
import { hmac, sameBytes, signJson, verifiedJson } from './signedJson';

export interface Session {
  sid: string;
  /** Who signed in; null before sign-in. Tokens from Salesforce are never kept. */
  user: SignedInUser | null;
  /** Milliseconds since the epoch: "sign out everywhere" refuses sessions issued before it. */
  issuedAt: number;
  expiresAt: number;
}

/** The password sign-in: everyone who knows the password is this one editor. */
export const SHARED_USER: SignedInUser = {
  id: SHARED_USER_ID,
  orgId: null,
  username: 'shared',
  name: 'Shared sign-in',
  role: 'editor',
  // Everyone who knows the password shares this user, so no one person's zone fits it.
  timeZone: UTC,
};

export interface SessionOptions {
  sessionSecret: string;
  appPassword: string;
  ttlMs: number;
}

const SID_BYTES = 18;
// What create() makes. Anything else in a signed cookie (say, NUL, which Postgres text refuses)
// could only come from a leaked secret, and must not reach the revocation query.
const SID_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/**
 * Stateless sessions: a signed cookie that any dyno can verify, so no session store is needed.
 * The signing key is derived from both SESSION_SECRET and APP_PASSWORD, so changing either
 * signs everybody out.
 */
export class SessionCodec {
  private readonly key: Buffer;
  private readonly passwordDigest: Buffer;

  constructor(private readonly options: SessionOptions) {
    this.key = hmac(options.sessionSecret, `contact-card session\0${options.appPassword}`);
    this.passwordDigest = hmac(this.key, options.appPassword);
  }

  create(user: SignedInUser | null, now = Date.now()): Session {
    return {
      sid: randomBytes(SID_BYTES).toString('base64url'),
      user,
      issuedAt: now,
      expiresAt: now + this.options.ttlMs,
    };
  }

  /**
   * The same sign-in under a new id, issued at `now` and ending when it would have: what keeps
   * this browser signed in when the user signs out their sessions issued before `now`.
   */
  reissue(session: Session, now: number): Session {
    return { ...this.create(session.user, now), expiresAt: session.expiresAt };
  }

  encode(session: Session): string {
    return signJson(this.key, session);
  }

  decode(cookie: string | undefined, now = Date.now()): Session | null {
    const json = verifiedJson(this.key, cookie);
    const session = json === null ? null : parseSession(json);
    return session && session.expiresAt > now ? session : null;
  }

  /**
   * The token a form of this session echoes (synchronizer pattern without server state), masked
   * afresh on every call: a page that gzip compresses it beside reflected search text never
   * repeats the same bytes, which is what BREACH needs to read it out byte by byte. It is
   * base64url of a random mask followed by the session's secret XOR that mask.
   */
  csrfToken(session: Session): string {
    const secret = this.csrfSecret(session);
    const mask = randomBytes(secret.length);
    return Buffer.concat([mask, xor(secret, mask)]).toString('base64url');
  }

  /** Only a masked token passes: the bare secret is never rendered, so nothing echoes it. */
  isValidCsrfToken(session: Session, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const secret = this.csrfSecret(session);
    const masked = Buffer.from(token, 'base64url');
    if (masked.length !== 2 * secret.length) return false;
    const mask = masked.subarray(0, secret.length);
    return sameBytes(secret, xor(masked.subarray(secret.length), mask));
  }

  private csrfSecret(session: Session): Buffer {
    return hmac(this.key, `csrf\0${session.sid}`);
  }

  /** Compares digests, so the time taken says nothing about the password. */
  isCorrectPassword(candidate: unknown): boolean {
    return (
      typeof candidate === 'string' && sameBytes(this.passwordDigest, hmac(this.key, candidate))
    );
  }
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ (b[i] ?? 0)));
}

function parseSession(json: string): Session | null {
  try {
    const value = JSON.parse(json) as Partial<Session>;
    const valid =
      typeof value.sid === 'string' &&
      SID_SHAPE.test(value.sid) &&
      (value.user === null || isUser(value.user)) &&
      typeof value.issuedAt === 'number' &&
      typeof value.expiresAt === 'number';
    return valid ? withCheckedZone(value as Session) : null;
  } catch {
    return null;
  }
}

// A session from before zones were kept has none; that, or a zone this machine's Intl does not
// know (say, after a downgrade), is read as UTC rather than failing every page.
function withCheckedZone(session: Session): Session {
  const { user } = session;
  return user ? { ...session, user: { ...user, timeZone: timeZoneOrUtc(user.timeZone) } } : session;
}

// A cookie signed before this shape existed (or by a leaked secret) must not pass half-read.
function isUser(value: unknown): value is SignedInUser {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user.id === 'string' &&
    (user.orgId === null || typeof user.orgId === 'string') &&
    typeof user.username === 'string' &&
    typeof user.name === 'string' &&
    ROLES.includes(user.role as SignedInUser['role'])
  );
}
