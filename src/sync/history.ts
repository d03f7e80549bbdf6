import type { Database } from '../db/database';
import { historyFor, triggerLogPresent } from '../connect/triggerLog';
import { entryView, type EntryView } from './entryView';

export interface HistoryView {
  entries: EntryView[];
  /** Where Retry returns to: the card the history is shown on. */
  back: string;
}

export type ContactHistory = (recordId: number, back: string) => Promise<HistoryView | null>;

/**
 * A contact's write history for views/sync/history.ejs, or null where there is no trigger log
 * (the card then renders without it). `recordId` is the row's `id`, which the log refers to.
 */
export function contactHistory(db: Database, schema: string): ContactHistory {
  return async (recordId, back) => {
    if (!(await triggerLogPresent(db, schema))) return null;
    const entries = await historyFor(db, schema, recordId);
    return { entries: entries.map(entryView), back };
  };
}
