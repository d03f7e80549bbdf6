import { setTimeout as sleep } from 'node:timers/promises';
import { VIA_HTTPS } from '../test/support/httpUser';
import { rssMb } from './processes';
import type { RunningApp } from './servers';

const SAMPLE_INTERVAL_MS = 100;

/** One download of the whole contact list as CSV, and what it cost the workers' memory. */
export interface ExportDownload {
  /** Data lines, the header left out. */
  rows: number;
  mb: number;
  first_byte_ms: number;
  seconds: number;
  /** The most any worker's RSS rose above its level just before the download. */
  rss_growth_mb: number;
}

/**
 * `export_csv`: downloads `/contacts.csv` once, reading it as fast as loopback allows, while
 * sampling every worker's RSS. A load scenario would repeat a response of a million rows only
 * a few times in its seconds; what the export promises is constant memory, so this measures that.
 */
export async function downloadExport(app: RunningApp, cookie: string): Promise<ExportDownload> {
  const pids = await app.webPids();
  const before = new Map<number, number>();
  for (const pid of pids) before.set(pid, await rssMb(pid));
  let highest = 0;
  const sampling = new AbortController();
  const sampler = (async () => {
    while (!sampling.signal.aborted) {
      for (const pid of pids)
        highest = Math.max(highest, (await rssMb(pid)) - (before.get(pid) ?? 0));
      await sleep(SAMPLE_INTERVAL_MS);
    }
  })();
  try {
    return { ...(await readWhole(app, cookie)), rss_growth_mb: Math.round(highest * 10) / 10 };
  } finally {
    sampling.abort();
    await sampler;
  }
}

async function readWhole(
  app: RunningApp,
  cookie: string,
): Promise<Omit<ExportDownload, 'rss_growth_mb'>> {
  const started = performance.now();
  const res = await fetch(`${app.url}/contacts.csv`, {
    headers: { ...VIA_HTTPS, Cookie: cookie },
  });
  if (res.status !== 200 || !res.body) throw new Error(`/contacts.csv answered ${res.status}`);
  let firstByteMs: number | null = null;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    firstByteMs ??= performance.now() - started;
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
  }
  return {
    rows: lines - 1,
    mb: Math.round(bytes / 1e5) / 10,
    first_byte_ms: Math.round(firstByteMs ?? 0),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** `export_csv: 1,000 rows (0.2 MB) in 0.1 s, first byte after 12 ms; worker RSS +3.1 MB`. */
export function exportLine(download: ExportDownload): string {
  return (
    `export_csv: ${download.rows.toLocaleString('en-US')} rows (${download.mb} MB) in ` +
    `${download.seconds} s, first byte after ${download.first_byte_ms} ms; ` +
    `worker RSS +${download.rss_growth_mb} MB`
  );
}
