/* global fetch, AbortSignal, URLSearchParams -- Node's built-ins, which the lint config does not list for .mjs */
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

/**
 * A visitor who keeps cookies between requests and posts forms, as a browser does, through
 * Heroku's router. Redirects are not followed: the check reads where they lead.
 */
export function visitor(base) {
  const cookies = new Map();
  const send = async (method, pathname, form) => {
    const response = await fetch(`${base}${pathname}`, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      headers: {
        ...VIA_HEROKU_ROUTER,
        Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair.indexOf('=');
      cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return {
    get: (pathname) => send('GET', pathname),
    post: (pathname, form) => send('POST', pathname, form),
  };
}

/** The CSRF token in a page's forms. */
export function csrfTokenIn(html) {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}
