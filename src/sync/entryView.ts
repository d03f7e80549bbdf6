import type { TriggerLogEntry, TriggerLogSource } from './triggerLog';

export interface EntryView {
  source: TriggerLogSource;
  id: number;
  action: string;
  state: string;
  /** Reuses the sync badges: sent is green, waiting is amber, failed is red. */
  badge: 'synced' | 'pending' | 'failed' | 'none';
  time: { iso: string; text: string } | null;
  message: string | null;
  retryable: boolean;
}

const BADGES: Record<string, EntryView['badge']> = {
  SUCCESS: 'synced',
  NEW: 'pending',
  PENDING: 'pending',
  REQUEUE: 'pending',
  FAILED: 'failed',
};

export function entryView(entry: TriggerLogEntry): EntryView {
  return {
    source: entry.source,
    id: entry.id,
    action: entry.action,
    state: entry.state,
    badge: BADGES[entry.state] ?? 'none',
    time: entry.createdAt ? utcTime(entry.createdAt) : null,
    message: entry.message,
    retryable: entry.state === 'FAILED',
  };
}

function utcTime(date: Date): { iso: string; text: string } {
  const iso = date.toISOString();
  return { iso, text: `${iso.replace('T', ' ').slice(0, 19)} UTC` };
}
