import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The headers the app's helmet configuration (src/web/security.ts) and src/web/noStore.ts send
 * in production, as fixed text: a bare server would still send them, and they are part of every
 * response's size.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none';upgrade-insecure-requests",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

// As the app's form parser (express.text in src/web/formBody.ts).
const MAX_FORM_BYTES = 512 * 1024;

/** A whole page in one write, with its length, so nothing is chunked. */
export function sendHtml(res: ServerResponse, status: number, requestId: string, html: string) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'X-Request-ID': requestId,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

export function redirect(
  res: ServerResponse,
  status: 302 | 303,
  requestId: string,
  location: string,
  cookie?: string,
) {
  const body = `${status === 303 ? 'See Other' : 'Found'}. Redirecting to ${location}`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'X-Request-ID': requestId,
    Location: location,
    ...(cookie ? { 'Set-Cookie': cookie } : {}),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** A short plain-text answer for what the scenarios never reach (404, 403, 409, 500). */
export function sendText(res: ServerResponse, status: number, requestId: string, text: string) {
  res.writeHead(status, {
    'X-Request-ID': requestId,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The urlencoded form of a POST, the first value of each name, as the app's handlers read it.
 * Null when the body is too large.
 */
export async function readForm(req: IncomingMessage): Promise<Record<string, string> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return firstValues(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Each name's first value: a repeated name keeps its first, as the app's parsers do. */
export function firstValues(params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of params) if (!Object.hasOwn(values, name)) values[name] = value;
  return values;
}
