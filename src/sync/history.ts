import type { Database } from '../db/database';
import { entryView, type EntryView } from './entryView';
import { historyFor, triggerLogAvailable } from './triggerLog';

export interface HistoryView {
  entries: EntryView[];
  /** Where Retry returns to: the card the history is shown on. */
  back: string;
}

/**
 * A contact's write history for views/sync/history.ejs, or null where there is no trigger log
 * (the card then renders without it). `recordId` is the row's `id`, which the log refers to.
 */
export async function contactHistory(
  db: Database,
  schema: string,
  recordId: number,
  back: string,
): Promise<HistoryView | null> {
  if (!(await triggerLogAvailable(db, schema))) return null;
  const entries = await historyFor(db, schema, recordId);
  return { entries: entries.map(entryView), back };
}
