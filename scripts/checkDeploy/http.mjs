/* global fetch, AbortSignal -- Node's built-ins, which the lint config does not list for .mjs */
import { setTimeout as sleep } from 'node:timers/promises';
import { CheckFailure } from './failure.mjs';

/** Heroku's router terminates TLS and says so; production redirects anything else. */
export const VIA_HEROKU_ROUTER = { 'X-Forwarded-Proto': 'https' };

export async function get(url, headers = {}) {
  const response = await fetch(url, {
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** Polls until the server answers at all; fails early if its process has already exited. */
export async function waitUntilAnswering(url, headers, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!proc.running) {
      const { code, signal } = await proc.exited;
      throw new CheckFailure(
        `${proc.label} exited (${code ?? signal}) before answering\n${proc.output()}`,
      );
    }
    try {
      return await get(url, headers);
    } catch {
      await sleep(250);
    }
  }
  throw new CheckFailure(
    `${proc.label} did not answer ${url} within ${timeoutMs / 1000} s\n${proc.output()}`,
  );
}

export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
