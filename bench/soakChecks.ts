import type { SoakReport } from './soakReport';
import type { RssLevels, WorkerRss } from './workerMemory';

const MAX_RSS_GROWTH = 0.2;

interface Check {
  name: string;
  result: string;
  limit: string;
  ok: boolean;
}

export function checks(report: SoakReport): Check[] {
  const none = (name: string, count: number, result = String(count)): Check => ({
    name,
    result,
    limit: '0',
    ok: count === 0,
  });
  return [
    none('errors: no answer (connection, timeout)', report.errors.no_answer),
    none('errors: unexpected status', report.errors.unexpected_status),
    none('5xx responses', report.errors.status_5xx),
    none(
      'lost updates',
      report.lost_updates,
      `${report.lost_updates} of ${report.edits.acknowledged} acknowledged`,
    ),
    none('histories the edits cannot explain', report.broken_histories),
    ...auditChecks(report, none),
    // Without conflicts and merges the edits never raced, and "no lost updates" would prove
    // nothing about either rule.
    {
      name: 'conflicts (409)',
      result: String(report.edits.conflicts),
      limit: '> 0',
      ok: report.edits.conflicts > 0,
    },
    {
      name: 'merges (a stale form saved, another field kept)',
      result: String(report.edits.merged),
      limit: '> 0',
      ok: report.edits.merged > 0,
    },
    ...rssChecks(report.rss_mb),
  ];
}

/**
 * Every saved edit has exactly one entry that says who changed what; nothing else has one,
 * except a refusal for the role, which is recorded as such. When a client may not edit, its
 * refusals must have happened, or the rule went untested.
 */
function auditChecks(
  report: SoakReport,
  none: (name: string, count: number, result?: string) => Check,
): Check[] {
  const trail = report.audit_trail;
  const { acknowledged, forbidden } = report.edits;
  const rows = [
    none(
      'saved edits without exactly one matching audit entry',
      trail.saved_without_their_entry,
      `${trail.saved_without_their_entry} of ${acknowledged}`,
    ),
    none('audit entries of requests that saved nothing', trail.entries_of_no_save),
    none(
      'edits refused for the role (403) without their entry',
      trail.refusals_without_their_entry,
      `${trail.refusals_without_their_entry} of ${forbidden}`,
    ),
  ];
  const readOnly = report.users.filter((user) => !user.canEdit);
  if (readOnly.length === 0) return rows;
  return [
    ...rows,
    {
      name: `edits refused for the role (403: ${readOnly.map((user) => user.user).join(', ')})`,
      result: String(forbidden),
      limit: '> 0',
      ok: forbidden > 0,
    },
  ];
}

/**
 * One row per web process. A leak lifts the lowest, the average and the highest RSS alike, while
 * the garbage collector's cycle lifts one or two at a time (a half that misses a collection has
 * a high low; one that misses a peak has a low high), so a worker fails when all three grew.
 * One that died or was replaced fails too: its fresh memory would hide any growth.
 */
function rssChecks(workers: WorkerRss[]): Check[] {
  const limit = `≤ +${MAX_RSS_GROWTH * 100}%`;
  return workers.map(({ pid, start, end }): Check => {
    const name = `RSS of worker ${pid}`;
    if (!start) return { name, result: 'started mid-run', limit, ok: false };
    if (!end) return { name, result: 'gone mid-run', limit, ok: false };
    const growth = (key: keyof RssLevels) => end[key] / start[key] - 1;
    const [low, mean, high] = [growth('lowMb'), growth('meanMb'), growth('highMb')];
    return {
      name,
      result:
        `${start.meanMb.toFixed(0)} → ${end.meanMb.toFixed(0)} MB ` +
        `(low ${percent(low)}, mean ${percent(mean)}, high ${percent(high)})`,
      limit,
      ok: Math.min(low, mean, high) <= MAX_RSS_GROWTH,
    };
  });
}

export function summary(report: SoakReport): string {
  const { reads, writes, per_second } = report.requests;
  const total = reads + writes;
  const share = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
  const { acknowledged, merged, conflicts, unanswered } = report.edits;
  const middle = Math.round((report.rss_from_s + report.duration_s) / 2);
  return [
    `${report.contacts.toLocaleString('en-US')} contacts · Node ${report.node} · ${report.workers} workers · ` +
      `${report.clients} clients editing ${report.contested_contacts} shared contacts · ` +
      `${report.duration_s} s (RSS: ${report.rss_from_s}–${middle} s against ${middle}–${report.duration_s} s)`,
    `${total.toLocaleString('en-US')} requests (${per_second}/s): ${share(reads)} reads, ${share(writes)} writes; ` +
      `edits: ${acknowledged.toLocaleString('en-US')} saved (303, ${merged.toLocaleString('en-US')} of them merged), ${conflicts.toLocaleString('en-US')} conflicts (409), ` +
      `${report.edits.forbidden.toLocaleString('en-US')} refused for the role (403), ${unanswered} unanswered`,
  ].join('\n');
}

export function table(rows: Check[]): string {
  const cells = [
    ['check', 'result', 'limit', ''],
    ...rows.map((row) => [row.name, row.result, row.limit, row.ok ? 'ok' : 'FAIL']),
  ];
  const widths = [0, 1, 2].map((column) =>
    Math.max(...cells.map((line) => line[column]?.length ?? 0)),
  );
  return cells
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function percent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(0)}%`;
}
