import type { MassEditRun } from './massEdit';
import type { ExportDownload } from './exportDownload';
import type { ImportRun } from './importCsv';
import type { LoadResult } from './load';
import type { PageComparison } from './sameWork/pageCheck';

export interface ScenarioReport extends LoadResult {
  name: string;
  /** The same scenario against the same-work server; null where it serves no such page. */
  same_work: LoadResult | null;
  /** The app's rate as a percentage of the same-work server's (the target is 50 or more). */
  pct_of_same_work: number | null;
  /** The page from both servers, compared before the load. */
  page: PageComparison | null;
}

export interface BenchReport {
  contacts: number;
  /** Entries in the audit trail when the load started. */
  audit_entries: number;
  date: string;
  node: string;
  cpus: number;
  workers: number;
  connections: number;
  duration_s: number;
  /** The bare node:http server sending the list page's bytes: no database, no templating. */
  baseline: LoadResult;
  scenarios: ScenarioReport[];
  rss_mb: { max_worker: number };
  /** One download of the whole list as CSV (exportDownload.ts). */
  export_csv: ExportDownload;
  /** One mass edit of a full batch, applied (massEdit.ts). */
  mass_edit_10k: MassEditRun;
  /** One CSV import, uploaded, previewed, confirmed and written by the worker (importCsv.ts). */
  import_100k: ImportRun;
}

/**
 * A run fails on any connection error, timeout, or response that is not 2xx/3xx, from the
 * app or from either baseline (a failing baseline makes its figures meaningless). Missing a
 * target never fails a run: the figures are reported as they are.
 */
export function failures(report: BenchReport): string[] {
  return [
    { name: 'bare baseline', ...report.baseline },
    ...report.scenarios.flatMap((s) => [
      s,
      ...(s.same_work ? [{ ...s.same_work, name: `${s.name} (same-work)` }] : []),
    ]),
  ]
    .filter((result) => result.errors > 0 || result.non2xx > 0)
    .map((r) => `${r.name}: ${r.errors} errors, ${r.non2xx} responses not 2xx/3xx`);
}

const DASH = '–';
const ms = (value: number | null) => (value === null ? DASH : value.toFixed(2));
const rate = (rps: number) => rps.toLocaleString('en-US');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const failed = (r: LoadResult) => String(r.errors + r.non2xx);
const pct = (value: number | null) => (value === null ? DASH : `${value}%`);

const HEADER = [
  'scenario',
  'req/s',
  'p50 ms',
  'p99 ms',
  'CPU ms/req',
  'PG ms/req',
  'KB',
  'failed',
  'same-work req/s',
  'p99 ms',
  'CPU ms/req',
  'PG ms/req',
  'KB',
  'failed',
  '% of same-work',
  '% of bare',
];

/**
 * The results as a plain-text table: the app's figures, then the same-work server's for the
 * same scenario, then the app's rate as a share of each baseline's. The bare baseline has a
 * row of its own.
 */
export function table(report: BenchReport): string {
  const bare = report.baseline;
  const ofBare = (r: LoadResult) => pct(Math.round((r.rps / Math.max(1, bare.rps)) * 100));
  const own = (r: LoadResult) => [
    rate(r.rps),
    String(r.p50_ms),
    String(r.p99_ms),
    ms(r.cpu_ms_per_request),
    ms(r.pg_cpu_ms_per_request),
    kb(r.bytes),
    failed(r),
  ];
  const sameWork = (r: LoadResult | null) =>
    r
      ? [
          rate(r.rps),
          String(r.p99_ms),
          ms(r.cpu_ms_per_request),
          ms(r.pg_cpu_ms_per_request),
          kb(r.bytes),
          failed(r),
        ]
      : Array<string>(6).fill(DASH);
  const rows = [
    HEADER,
    ['bare baseline (node:http)', ...own(bare), ...sameWork(null), DASH, ofBare(bare)],
    ...report.scenarios.map((s) => [
      s.name,
      ...own(s),
      ...sameWork(s.same_work),
      pct(s.pct_of_same_work),
      ofBare(s),
    ]),
  ];
  const widths = HEADER.map((_, column) =>
    Math.max(...rows.map((cells) => cells[column]?.length ?? 0)),
  );
  const lines = rows.map((cells) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
  return [...lines, '', ...LEGEND].join('\n');
}

const LEGEND = [
  'CPU ms/req: user + system CPU of all the server’s processes (primary and workers) during the',
  'measured run, from /proc, per response. PG ms/req: the same for the PostgreSQL server (– when it',
  'is not on this machine). KB: mean response, headers included. same-work: a bare node:http server',
  'running the app’s SQL through pg and rendering the same HTML with template literals. % of bare:',
  'the app’s rate against a node:http server sending the list page’s bytes from memory.',
];

/** Percent, whole: the app's rate against the same-work server's, or null without one. */
export function percentOf(app: LoadResult, sameWork: LoadResult | null): number | null {
  return sameWork && sameWork.rps > 0 ? Math.round((app.rps / sameWork.rps) * 100) : null;
}

/** Each compared page's size from both servers, and whether the markup matched. */
export function pageSizes(report: BenchReport): string {
  const size = (bytes: number) => bytes.toLocaleString('en-US');
  const lines = report.scenarios.flatMap(({ name, page }) => {
    if (!page) return [];
    const share = Math.round((page.same_work_bytes / Math.max(1, page.app_bytes)) * 100);
    const verdict = page.same_html ? 'same markup' : `DIFFERS: ${page.difference ?? ''}`;
    return [
      `  ${name}: app ${size(page.app_bytes)} bytes, same-work ${size(page.same_work_bytes)} (${share}%), ${verdict}`,
    ];
  });
  return ['HTML bodies (same markup: the same page once whitespace is set aside):', ...lines].join(
    '\n',
  );
}
