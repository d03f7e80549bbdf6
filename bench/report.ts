import type { LoadResult } from './load';

export interface BenchReport {
  contacts: number;
  /** Entries in the audit trail when the load started. */
  audit_entries: number;
  date: string;
  node: string;
  cpus: number;
  baseline: { rps: number; p50_ms: number; p99_ms: number };
  scenarios: ({ name: string } & LoadResult)[];
  rss_mb: { max_worker: number };
}

/** A run fails on any connection error, timeout, or response that is not 2xx/3xx. */
export function failures(report: BenchReport, baseline: LoadResult): string[] {
  return [{ name: 'baseline', ...baseline }, ...report.scenarios]
    .filter((result) => result.errors > 0 || result.non2xx > 0)
    .map((r) => `${r.name}: ${r.errors} errors, ${r.non2xx} responses not 2xx/3xx`);
}

/** The results as a plain-text table, each rate also as a share of the baseline's. */
export function table(report: BenchReport, baseline: LoadResult): string {
  const header = [
    'scenario',
    'req/s',
    '× baseline',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx/3xx',
    'KB',
  ];
  const row = (name: string, r: LoadResult) => [
    name,
    r.rps.toLocaleString('en-US'),
    (r.rps / Math.max(1, baseline.rps)).toFixed(2),
    String(r.p50_ms),
    String(r.p99_ms),
    String(r.errors),
    String(r.non2xx),
    (r.bytes / 1024).toFixed(1),
  ];
  const rows = [
    header,
    row('baseline (node:http)', baseline),
    ...report.scenarios.map((s) => row(s.name, s)),
  ];
  const widths = header.map((_, column) =>
    Math.max(...rows.map((cells) => cells[column]?.length ?? 0)),
  );
  return rows
    .map((cells) =>
      cells
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
