import { cardPath } from '../connect/contactKey';
import { nameParts } from '../connect/contactName';
import type { DuplicateRefusal } from '../connect/duplicateRefusal';
import type { Batch, BatchChange, BatchKind } from '../records/batches';
import { batchPath } from '../records/batchPath';
import { isolated } from '../web/isolated';
import { shownTime, type ShownTime } from '../web/localTime';
import {
  isDone,
  LISTED_ROWS,
  type BatchCounts,
  type BatchRow,
  type BatchStatus,
} from './batchStatus';

export interface BatchRowView {
  /** Shown each part isolated (views/partials/name.ejs). */
  name: string[];
  /** The contact's card, or null once its row is gone. */
  href: string | null;
  message: string | null;
  duplicateRefusal: DuplicateRefusal | null;
}

export interface BatchPageView {
  title: string;
  /** What the batch did, or was chosen to do while it is not applied. */
  summary: string;
  userName: string;
  time: ShownTime;
  applied: boolean;
  /** The form that applies it, while it is not applied. */
  /** Where an unapplied batch is reviewed and applied; null for an import, which its worker writes. */
  applyHref: string | null;
  counts: BatchCounts;
  done: boolean;
  pageHref: string;
  progressHref: string;
  failedRows: BatchRowView[];
  moreFailed: number;
  changedRows: BatchRowView[];
  moreChanged: number;
  /** Requeuing needs Connect's log: without it nothing can be retried from here. */
  retryable: boolean;
  /** Assets this page loads (views/partials/head.ejs): the counts update while rows are sent. */
  scripts: string[];
}

export function batchPageView(
  batch: Batch,
  status: BatchStatus,
  {
    timeZone,
    triggerLog,
    refusals,
  }: {
    timeZone: string;
    triggerLog: boolean;
    refusals: ReadonlyMap<number, DuplicateRefusal>;
  },
): BatchPageView {
  const { counts } = status;
  const applied = batch.appliedAt !== null;
  const done = isDone(counts);
  const page = batchPath(batch.id);
  return {
    title: TITLES[batch.kind],
    summary: summaryOf(batch, counts),
    userName: batch.userName,
    time: shownTime(batch.appliedAt ?? batch.createdAt, 'second', timeZone),
    applied,
    applyHref: applyHrefOf(batch),
    counts,
    done,
    pageHref: page,
    progressHref: `${page}.json`,
    failedRows: status.failedRows.map((row) => rowView(row, refusals)),
    moreFailed: Math.max(0, counts.failed - LISTED_ROWS),
    changedRows: status.changedRows.map((row) => rowView(row, new Map())),
    moreChanged: Math.max(0, counts.changedMeanwhile - LISTED_ROWS),
    retryable: triggerLog && counts.failed > 0,
    scripts: applied && !done ? ['batchProgress.js'] : [],
  };
}

const TITLES: Record<BatchKind, string> = {
  edit: 'Bulk edit',
  delete: 'Bulk delete',
  import: 'CSV import',
};

function applyHrefOf(batch: Batch): string | null {
  if (batch.kind === 'import') return null;
  return `/contacts/bulk/${encodeURIComponent(batch.id)}${batch.kind === 'delete' ? '/delete' : ''}`;
}

/** `Set Department to “Sales” and Title to “Buyer” on 12 contacts`, `Deleted 3 contacts`. */
function summaryOf(batch: Batch, counts: BatchCounts): string {
  if (batch.appliedAt === null) {
    if (batch.kind === 'import') return `${contacts(batch.itemCount)} written so far.`;
    return `${contacts(batch.itemCount)} chosen to ${batch.kind}; not applied yet.`;
  }
  const written = counts.pending + counts.sent + counts.synced + counts.failed;
  if (batch.kind === 'delete') return `Deleted ${contacts(written)}.`;
  if (batch.kind === 'import') return `Imported ${contacts(written)} (created or updated).`;
  const set = LIST.format((batch.changes ?? []).map(changeText));
  return `Set ${set || 'nothing'} on ${contacts(written)}.`;
}

const LIST = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

function changeText({ label, to }: BatchChange): string {
  // The value is someone's text inside the app's sentence: isolated, it cannot reorder it.
  return to === '' ? `${label} to blank` : `${label} to “${isolated(to)}”`;
}

function contacts(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'contact' : 'contacts'}`;
}

function rowView(row: BatchRow, refusals: ReadonlyMap<number, DuplicateRefusal>): BatchRowView {
  return {
    name: nameParts(row, `Row ${String(row.contactRowId)}`),
    href: row.exists ? cardPath(row.contactKey) : null,
    message: row.message,
    duplicateRefusal: refusals.get(row.contactRowId) ?? null,
  };
}
