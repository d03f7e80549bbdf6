import type { Mapping } from '../../connect/mapping';
import type { ImportPlan, PlanKind, RowPlan } from './classify';
import { importTargets } from './importFields';
import type { ImportProgress, ImportRecord } from './importStore';
import { MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES } from './limits';

const count = (n: number) => n.toLocaleString('en-US');

/** The limits as the pages state them. */
const LIMITS_TEXT = `up to ${count(MAX_ROWS)} rows, ${count(MAX_COLUMNS)} columns and ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;

export function uploadView(mapping: Mapping, error: string | null) {
  return {
    title: 'Import contacts',
    creatable: mapping.hasExternalId,
    error,
    limits: LIMITS_TEXT,
    fields: importTargets(mapping).map((t) => t.label),
  };
}

/** How many rows of each kind the preview shows; the counts cover them all. */
const SAMPLE_ROWS = 5;

const KIND_TITLES: Record<PlanKind, string> = {
  create: 'New contacts',
  update: 'Updates of existing contacts',
  invalid: 'Invalid rows (not imported)',
  duplicate: 'Duplicates (not imported)',
};

export function previewView(
  mapping: Mapping,
  record: ImportRecord,
  plan: ImportPlan,
  error: string | null,
) {
  const targets = importTargets(mapping);
  const counts = Object.fromEntries(
    (['create', 'update', 'invalid', 'duplicate'] as const).map((kind) => [
      kind,
      plan.rows.filter((row) => row.plan === kind).length,
    ]),
  ) as Record<PlanKind, number>;
  const hasLastName = record.columns.includes('lastname');
  return {
    title: `Import ${record.fileName}`,
    record,
    error,
    readAs: record.encoding === 'UTF-8' ? null : record.encoding,
    columns: record.header.map((header, index) => ({
      index,
      header,
      options: targets.map((t) => ({
        value: t.value,
        label: t.label,
        selected: record.columns[index] === t.value,
      })),
      chosen: record.columns[index] ?? '',
    })),
    ignored: record.header.filter((_, i) => !record.columns[i]),
    counts,
    accountsLinked: plan.accountsLinked,
    accountsCreated: plan.accountsCreated,
    hasLastName,
    canConfirm: hasLastName && counts.create + counts.update > 0,
    samples: (['create', 'update', 'invalid', 'duplicate'] as const)
      .filter((kind) => counts[kind] > 0)
      .map((kind) => ({
        kind,
        title: KIND_TITLES[kind],
        total: counts[kind],
        rows: plan.rows
          .filter((row) => row.plan === kind)
          .slice(0, SAMPLE_ROWS)
          .map((row) => sampleOf(row)),
      })),
  };
}

function sampleOf(row: RowPlan) {
  const name = [row.values.firstname, row.values.lastname].filter(Boolean).join(' ');
  return {
    line: row.line,
    name,
    email: row.values.email ?? '',
    account: row.accountName,
    reason: row.reason,
  };
}

export function progressView(mapping: Mapping, record: ImportRecord, progress: ImportProgress) {
  const running = record.state === 'queued';
  return {
    title: `Import ${record.fileName}`,
    // A meta refresh, not a script: the page works under the CSP and without JavaScript.
    refreshSeconds: running ? 3 : null,
    record,
    running,
    written: progress.done,
    /** The contacts it created or updated: a failed import leaves them written. */
    contactsWritten: progress.created + progress.updated,
    failure: record.state === 'failed' ? (record.failure ?? '') : null,
    progress,
    /** Salesforce's refusals are counted once the import is over, where Connect logs writes. */
    countsRefused: !running && mapping.triggerLog,
    skipped:
      progress.invalid +
      progress.duplicate +
      progress.failed +
      progress.notReached +
      progress.refused,
    batchHref: !running && record.batchId ? `/sync/batches/${record.batchId}` : null,
  };
}
