import { cardPath, keyOf } from '../connect/contactKey';
import { nameParts } from '../connect/contactName';
import { toSyncState } from '../connect/syncState';
import { stateBadge, type Badge } from '../web/badge';
import { entryView, type EntryView } from './entryView';
import type { FailedWrite } from './failedWrites';

export interface FailedWriteView extends EntryView {
  /** Shown each part isolated (views/partials/name.ejs). */
  contactName: string[];
  /** The contact's card, or null when the row no longer exists. */
  contactHref: string | null;
  /** The contact's sync state now: a later write may have succeeded since this one failed. */
  contactBadge: Badge;
}

export interface FailedPageView {
  title: string;
  available: boolean;
  writes: FailedWriteView[];
  back: string;
}

export const FAILED_PAGE_PATH = '/sync/failed';

export function failedPageView(
  available: boolean,
  writes: FailedWrite[],
  timeZone: string,
): FailedPageView {
  return {
    title: 'Failed writes',
    available,
    writes: writes.map((write) => failedWriteView(write, timeZone)),
    back: FAILED_PAGE_PATH,
  };
}

function failedWriteView(write: FailedWrite, timeZone: string): FailedWriteView {
  const { contact } = write;
  return {
    ...entryView(write, timeZone),
    contactName: contact
      ? nameParts(contact, contact.sfid ?? `Row ${write.recordId}`)
      : [`Row ${write.recordId}`],
    contactHref: contact
      ? cardPath(keyOf({ id: write.recordId, sfid: contact.sfid, externalId: contact.externalId }))
      : null,
    contactBadge: stateBadge(toSyncState(contact?.lastOp ?? null)),
  };
}
