import type { TriggerLogEntry } from '../connect/triggerLog';
import { entryView, type EntryView } from './entryView';

export interface HistoryView {
  entries: EntryView[];
  /** Where Retry returns to: the card the history is shown on. */
  back: string;
}

/** A contact's write history for views/sync/history.ejs, from the entries its card read. */
export function historyView(
  entries: TriggerLogEntry[],
  back: string,
  timeZone: string,
): HistoryView {
  return { entries: entries.map((entry) => entryView(entry, timeZone)), back };
}
