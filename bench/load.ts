import autocannon, { type Instance, type Request } from 'autocannon';
import type { CpuClock } from './cpuTime';

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses that were neither 2xx nor 3xx. */
  non2xx: number;
  /** Mean size of a response, headers included. */
  bytes: number;
  /** Responses received in the measured run. */
  requests: number;
  /** CPU the server's processes spent per response (ms), or null when not measured. */
  cpu_ms_per_request: number | null;
  /** CPU the PostgreSQL server spent per response (ms), or null when it is not on this machine. */
  pg_cpu_ms_per_request: number | null;
}

/** Whose CPU a run charges to its requests. */
export interface CpuClocks {
  server: CpuClock;
  postgres: CpuClock | null;
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
}

const REQUEST_TIMEOUT_SECONDS = 10;
// A bound on the count as well as the time: no loop runs unchecked.
const MAX_REQUESTS_PER_SECOND = 200_000;

let running: Instance | null = null;

/** Stops the load that is running, if any (on Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

/**
 * Drives one scenario over loopback: a short warm-up (JIT, caches, pool connections) that is
 * not counted, then the measured run.
 */
export async function runLoad(
  url: string,
  requests: Request[],
  settings: LoadSettings,
  clocks: CpuClocks | null = null,
): Promise<LoadResult> {
  await warmUp(url, requests, settings);
  return measure(url, requests, settings, clocks);
}

/**
 * A quarter of the run, in whole seconds from 1 to 3: autocannon stops only on its one-second
 * sampling tick, so a shorter warm-up would run a second all the same.
 */
export async function warmUp(url: string, requests: Request[], settings: LoadSettings) {
  const seconds = Math.min(3, Math.max(1, Math.round(settings.durationSeconds / 4)));
  await once(url, requests, { ...settings, durationSeconds: seconds });
}

/**
 * The measured run. The clocks are read right before and after it, so the CPU per request
 * leaves out start-up and warm-up; autocannon counts every response that arrived until it
 * stopped, which is when the second reading is taken.
 */
export async function measure(
  url: string,
  requests: Request[],
  settings: LoadSettings,
  clocks: CpuClocks | null = null,
): Promise<LoadResult> {
  const read = async () => ({
    server: (await clocks?.server()) ?? null,
    postgres: (await clocks?.postgres?.()) ?? null,
  });
  const before = await read();
  const result = await once(url, requests, settings);
  const after = await read();
  const perRequest = (from: number | null, to: number | null) =>
    from === null || to === null || result.requests === 0
      ? null
      : Math.round(((to - from) / result.requests) * 1000) / 1000;
  return {
    ...result,
    cpu_ms_per_request: perRequest(before.server, after.server),
    pg_cpu_ms_per_request: perRequest(before.postgres, after.postgres),
  };
}

type Counted = Omit<LoadResult, 'cpu_ms_per_request' | 'pg_cpu_ms_per_request'>;

function once(url: string, requests: Request[], settings: LoadSettings): Promise<Counted> {
  return new Promise((resolve, reject) => {
    running = autocannon(
      {
        url,
        connections: settings.connections,
        duration: settings.durationSeconds,
        maxOverallRequests: settings.durationSeconds * MAX_REQUESTS_PER_SECOND,
        timeout: REQUEST_TIMEOUT_SECONDS,
        headers: settings.headers,
        requests,
      },
      (error, result) => {
        running = null;
        if (error) {
          reject(error);
          return;
        }
        resolve({
          rps: Math.round(result.requests.average),
          p50_ms: result.latency.p50,
          p99_ms: result.latency.p99,
          errors: result.errors,
          non2xx: result['1xx'] + result['4xx'] + result['5xx'],
          bytes: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
          requests: result.requests.total,
        });
      },
    );
  });
}
