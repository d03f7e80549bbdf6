import autocannon, { type Instance, type Request } from 'autocannon';

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
export async function runLoad(url: string, requests: Request[], settings: LoadSettings) {
  const warmUp = Math.min(3, Math.max(1, Math.round(settings.durationSeconds / 4)));
  await once(url, requests, { ...settings, durationSeconds: warmUp });
  return once(url, requests, settings);
}

function once(url: string, requests: Request[], settings: LoadSettings): Promise<LoadResult> {
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
        });
      },
    );
  });
}
