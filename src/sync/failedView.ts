import { accountPath, cardPath, keyOf } from '../connect/contactKey';
import { nameParts } from '../connect/contactName';
import type { DuplicateRefusal } from '../connect/duplicateRefusal';
import { toSyncState } from '../connect/syncState';
import { stateBadge, type Badge } from '../web/badge';
import { entryView, type EntryView } from './entryView';
import type { FailedWrite } from './failedWrites';

export interface FailedWriteView extends EntryView {
  /** `Contact` or `Account`: the page lists both. */
  objectLabel: string;
  /** Shown each part isolated (views/partials/name.ejs). */
  recordName: string[];
  /** The contact's card or the account's page, or null when the row no longer exists. */
  recordHref: string | null;
  /** The record's sync state now: a later write may have succeeded since this one failed. */
  recordBadge: Badge;
  /** Set when Salesforce's duplicate rule refused it: the contact it most likely matches. */
  duplicateRefusal: DuplicateRefusal | null;
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
  refusals: ReadonlyMap<number, DuplicateRefusal>,
): FailedPageView {
  return {
    title: 'Failed writes',
    available,
    writes: writes.map((write) => failedWriteView(write, timeZone, refusals)),
    back: FAILED_PAGE_PATH,
  };
}

function failedWriteView(
  write: FailedWrite,
  timeZone: string,
  refusals: ReadonlyMap<number, DuplicateRefusal>,
): FailedWriteView {
  const { record } = write;
  const key =
    record && keyOf({ id: write.recordId, sfid: record.sfid, externalId: record.externalId });
  const isAccount = write.object === 'account';
  return {
    ...entryView(write, timeZone),
    objectLabel: isAccount ? 'Account' : 'Contact',
    recordName: record
      ? nameParts(record, record.sfid ?? `Row ${write.recordId}`)
      : [`Row ${write.recordId}`],
    recordHref: key === null ? null : isAccount ? accountPath(key) : cardPath(key),
    recordBadge: stateBadge(toSyncState(record?.lastOp ?? null)),
    duplicateRefusal: isAccount ? null : (refusals.get(write.recordId) ?? null),
  };
}
