import type { TriggerLogSource } from '../connect/triggerLog';
import { safeLocalPath } from '../web/safeLocalPath';

export interface RetryRequest {
  source: TriggerLogSource;
  id: number;
  back: string | null;
}

const ENTRY_ID = /^[1-9]\d{0,9}$/;

/** The Retry form's fields, or null when they are not a valid entry reference. */
export function parseRetryRequest(body: Record<string, unknown>): RetryRequest | null {
  const { source, id, back } = body;
  if (source !== 'live' && source !== 'archive') return null;
  if (typeof id !== 'string' || !ENTRY_ID.test(id) || Number(id) > 2_147_483_647) return null;
  return { source, id: Number(id), back: safeLocalPath(back) };
}
