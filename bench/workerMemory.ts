import { setTimeout as sleep } from 'node:timers/promises';
import { rssMb } from './processes';

const SAMPLE_INTERVAL_MS = 250;

/** A web process's RSS over half of the run. */
export interface RssLevels {
  lowMb: number;
  meanMb: number;
  highMb: number;
}

/** Null when the process was not running in that half. */
export interface WorkerRss {
  pid: number;
  start: RssLevels | null;
  end: RssLevels | null;
}

/**
 * Samples every web process from `from` to `until`, under load, and sums up each half. Under
 * steady load RSS rises and falls by a third with V8's garbage collection (117–167 MB seen,
 * in cycles of 10–75 s), so one sample tells the phase of that cycle, not growth.
 */
export async function sampleWorkerRss(
  pids: () => Promise<number[]>,
  window: { from: number; until: number },
  signal: AbortSignal,
): Promise<WorkerRss[]> {
  const middle = (window.from + window.until) / 2;
  const samples = new Map<number, { first: number[]; second: number[] }>();
  await waitUntil(window.from, signal);
  const maxTicks = Math.ceil((window.until - window.from) / SAMPLE_INTERVAL_MS) + 1;
  for (let tick = 0; tick < maxTicks && Date.now() < window.until && !signal.aborted; tick += 1) {
    const half = Date.now() < middle ? 'first' : 'second';
    for (const pid of await pids()) {
      const mb = await rssMb(pid);
      if (mb === 0) continue; // gone since it was listed
      const own = samples.get(pid) ?? { first: [], second: [] };
      own[half].push(mb);
      samples.set(pid, own);
    }
    await sleep(SAMPLE_INTERVAL_MS);
  }
  return [...samples].map(([pid, { first, second }]) => ({
    pid,
    start: levels(first),
    end: levels(second),
  }));
}

function levels(values: number[]): RssLevels | null {
  if (values.length === 0) return null;
  const tenths = (mb: number) => Math.round(mb * 10) / 10;
  return {
    lowMb: tenths(Math.min(...values)),
    meanMb: tenths(values.reduce((sum, mb) => sum + mb, 0) / values.length),
    highMb: tenths(Math.max(...values)),
  };
}

/** Resolves at `time`, or at once when the run is interrupted. */
function waitUntil(time: number, signal: AbortSignal): Promise<void> {
  return sleep(Math.max(0, time - Date.now()), undefined, { signal }).catch(() => undefined);
}
