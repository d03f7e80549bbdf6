import { keyOf } from '../contacts/contactKey';
import { entryView, type EntryView } from './entryView';
import type { FailedWrite } from './failedWrites';
import { toSyncState, type SyncState } from './syncState';

export interface FailedWriteView extends EntryView {
  contactName: string;
  /** The contact's card, or null when the row no longer exists. */
  contactHref: string | null;
  /** The contact's sync state now: a later write may have succeeded since this one failed. */
  contactSyncState: SyncState | null;
}

export interface FailedPageView {
  title: string;
  available: boolean;
  writes: FailedWriteView[];
  back: string;
}

export const FAILED_PAGE_PATH = '/sync/failed';

export function failedPageView(available: boolean, writes: FailedWrite[]): FailedPageView {
  return {
    title: 'Failed writes',
    available,
    writes: writes.map(failedWriteView),
    back: FAILED_PAGE_PATH,
  };
}

function failedWriteView(write: FailedWrite): FailedWriteView {
  const { contact } = write;
  const name = [contact?.firstname, contact?.lastname].filter(Boolean).join(' ');
  return {
    ...entryView(write),
    contactName: name || contact?.sfid || `Row ${write.recordId}`,
    contactHref: contact
      ? `/contacts/${encodeURIComponent(keyOf({ id: write.recordId, sfid: contact.sfid, externalId: contact.externalId }))}`
      : null,
    contactSyncState: toSyncState(contact?.lastOp ?? null),
  };
}
