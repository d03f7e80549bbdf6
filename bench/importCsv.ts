import type { Database } from '../src/db/database';
import { csrfTokenIn, VIA_HTTPS } from '../test/support/httpUser';
import { countsIn } from '../test/support/pageCounts';
import { importFile, type ImportFile } from './importFile';
import { removeImported, untilWritten } from './importProgress';
import { rssSampler } from './processes';
import { startWorker, type AppSettings, type RunningApp, type RunningWorker } from './servers';

/** One import of a generated CSV, driven as an editor does, and how long each step took. */
export interface ImportRun {
  rows: number;
  /** What the preview said each row would be, and the accounts it would link and create. */
  preview: Record<string, number>;
  /** What the progress page said once the worker was done. */
  written: Record<string, number>;
  /** POST of the file until its 303 to the preview (parsed and stored). */
  upload_s: number;
  /** GET of the preview until it is served (every row decided against the contacts). */
  preview_s: number;
  /** POST of Confirm until the worker has written the last row. */
  write_s: number;
  /** From the upload's POST until the last row is written. */
  total_s: number;
  worker_rss_mb: number;
}

/**
 * `import_100k`: starts the Procfile's worker, then as the signed-in editor uploads a generated
 * CSV (importFile.ts), reads its preview, confirms, and waits for the worker to write every row.
 * The worker is stopped, and the contacts and accounts the import created are removed, so the
 * scenarios after it see the seed as before.
 */
export async function importCsv(
  app: RunningApp,
  settings: AppSettings,
  db: Database,
  cookie: string,
  contacts: number,
): Promise<ImportRun> {
  const file = await importFile(db, contacts);
  const worker = await startWorker(settings);
  try {
    return await importAsEditor(app, db, cookie, file, worker);
  } finally {
    await worker.group.stop();
  }
}

async function importAsEditor(
  app: RunningApp,
  db: Database,
  cookie: string,
  file: ImportFile,
  worker: RunningWorker,
): Promise<ImportRun> {
  const headers = { ...VIA_HTTPS, Cookie: cookie };
  const started = performance.now();
  const page = await uploadFile(app, headers, file);
  const uploadedAt = performance.now();
  const preview = await send(`${app.url}${page}`, { headers });
  const previewPage = await preview.text();
  if (preview.status !== 200) throw new Error(`the preview answered ${preview.status}`);
  const previewedAt = performance.now();
  const previewCounts = countsIn(previewPage);
  if (previewCounts.update !== file.updates) {
    throw new Error(
      `the preview counts ${previewCounts.update ?? 0} updates; the file has ${file.updates}`,
    );
  }

  const stopSampling = rssSampler(() => Promise.resolve([worker.group.pid]));
  const confirmedAt = performance.now();
  let workerRss: number;
  let doneAt: number;
  try {
    await confirm(app, page, headers, previewPage);
    await untilWritten(db, importIdOf(page), worker);
    doneAt = performance.now();
  } finally {
    workerRss = await stopSampling();
  }

  const progress = await send(`${app.url}${page}`, { headers });
  const written = countsIn(await progress.text());
  const toWrite = (previewCounts.create ?? 0) + file.updates;
  const outcomes = (written.created ?? 0) + (written.updated ?? 0) + (written.unchanged ?? 0);
  if (outcomes !== toWrite || written.failed !== 0 || written.updated !== file.updates) {
    throw new Error(
      `the import wrote ${outcomes} of ${toWrite} rows (${written.updated ?? 0} of ${file.updates} updates, ` +
        `${written.failed ?? 0} failed); see ${worker.logFile}`,
    );
  }
  await removeImported(db, importIdOf(page), file.newCompanies);
  const seconds = (from: number, to: number) => Math.round((to - from) / 10) / 100;
  return {
    rows: file.rows,
    preview: previewCounts,
    written,
    upload_s: seconds(started, uploadedAt),
    preview_s: seconds(uploadedAt, previewedAt),
    write_s: seconds(confirmedAt, doneAt),
    total_s: seconds(started, doneAt),
    worker_rss_mb: Math.round(workerRss),
  };
}

/**
 * Heroku's router gives up on a request after 30 s; the bench waits longer, to report how long
 * the upload or preview took, but not for ever.
 */
const REQUEST_TIMEOUT_MS = 5 * 60_000;

function send(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** The preview's Confirm button. */
async function confirm(
  app: RunningApp,
  page: string,
  headers: Record<string, string>,
  previewPage: string,
): Promise<void> {
  const confirmed = await send(`${app.url}${page}/confirm`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfTokenIn(previewPage) }),
    redirect: 'manual',
  });
  if (confirmed.status !== 303) throw new Error(`Confirm answered ${confirmed.status}`);
}

/** The upload form's POST, as a browser sends it: the form's token first, then the file. */
async function uploadFile(
  app: RunningApp,
  headers: Record<string, string>,
  file: ImportFile,
): Promise<string> {
  const form = await send(`${app.url}/contacts/import`, { headers });
  if (form.status !== 200) throw new Error(`the import form answered ${form.status}`);
  const body = new FormData();
  body.append('_csrf', csrfTokenIn(await form.text()));
  body.append('file', new Blob([file.csv], { type: 'text/csv' }), 'contacts.csv');
  const uploaded = await send(`${app.url}/contacts/import`, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
  });
  const location = uploaded.headers.get('location') ?? '';
  if (uploaded.status !== 303 || !IMPORT_PAGE.test(location)) {
    throw new Error(`the upload answered ${uploaded.status} ${location}`);
  }
  return location;
}

const IMPORT_PAGE = /^\/contacts\/import\/([0-9a-f-]{36})$/;

function importIdOf(page: string): string {
  return IMPORT_PAGE.exec(page)?.[1] ?? '';
}

/**
 * `import_100k: 100,000 rows (create 96,900 · update 400 · invalid 500 · duplicate 200;
 * accounts linked 1,250 · created 1,250): upload 2.1 s, preview 5.3 s, confirm → written 40.2 s,
 * total 47.6 s; worker RSS 310 MB`.
 */
export function importLine(run: ImportRun): string {
  const n = (value: number | undefined) => (value ?? 0).toLocaleString('en-US');
  const { preview: p } = run;
  return (
    `import_100k: ${n(run.rows)} rows (create ${n(p.create)} · update ${n(p.update)} · ` +
    `invalid ${n(p.invalid)} · duplicate ${n(p.duplicate)}; accounts linked ` +
    `${n(p['accounts-linked'])} · created ${n(p['accounts-created'])}): upload ${run.upload_s} s, ` +
    `preview ${run.preview_s} s, confirm → written ${run.write_s} s, total ${run.total_s} s; ` +
    `worker RSS ${run.worker_rss_mb} MB`
  );
}
