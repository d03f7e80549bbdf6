import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `payload.signature`: a value as base64url JSON with its HMAC, for cookies any dyno can verify
 * without a store (the session, a sign-in flow in progress).
 */
export function signJson(key: Buffer, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${hmac(key, payload).toString('base64url')}`;
}

/** The JSON text `signJson` signed with `key`, or null for anything else. */
export function verifiedJson(key: Buffer, signed: string | undefined): string | null {
  const [payload, signature, extra] = (signed ?? '').split('.');
  if (!payload || !signature || extra !== undefined) return null;
  if (!sameBytes(hmac(key, payload), Buffer.from(signature, 'base64url'))) return null;
  return Buffer.from(payload, 'base64url').toString('utf8');
}

export function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

/** Compares in constant time, so the time taken says nothing about where they differ. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
