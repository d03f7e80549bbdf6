import {
  toTriggerLogState,
  type TriggerLogEntry,
  type TriggerLogSource,
  type TriggerLogState,
} from '../connect/triggerLog';
import type { Badge } from '../web/badge';
import { shownTime, type ShownTime } from '../web/localTime';

export interface EntryView {
  source: TriggerLogSource;
  id: number;
  action: string;
  badge: Badge;
  time: ShownTime | null;
  message: string | null;
  retryable: boolean;
}

/** Reuses the sync badges' colours: sent is green, waiting is amber, failed is red. */
const TONES: Partial<Record<TriggerLogState, string>> = {
  SUCCESS: 'synced',
  NEW: 'pending',
  PENDING: 'pending',
  REQUEUE: 'pending',
  FAILED: 'failed',
};

export function entryView(entry: TriggerLogEntry, timeZone: string): EntryView {
  const state = toTriggerLogState(entry.state);
  return {
    source: entry.source,
    id: entry.id,
    action: entry.action,
    badge: { tone: (state && TONES[state]) ?? 'none', text: entry.state },
    time: entry.createdAt ? shownTime(entry.createdAt, 'second', timeZone) : null,
    message: entry.message,
    retryable: state === 'FAILED',
  };
}
