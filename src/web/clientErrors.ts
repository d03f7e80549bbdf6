import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

interface RefusalPage {
  status: number;
  reason: string;
  title: string;
  message: string;
}

/** What Node answers for each error its HTTP parser reports, with the words a person needs. */
const PAGES: Record<string, RefusalPage> = {
  // Node's limit on the request line and headers together (16 KB by default).
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    title: 'Address too long',
    message:
      'This address, with what the browser sent along with it, is longer than the app accepts. Check the link, or start again from the contact list; if it keeps happening, clear this site’s cookies.',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    reason: 'Payload Too Large',
    title: 'Too large',
    message: 'The request was too large to accept.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    title: 'Request timed out',
    message: 'The request took too long to arrive. Please try again.',
  },
};
const MALFORMED: RefusalPage = {
  status: 400,
  reason: 'Bad Request',
  title: 'Bad request',
  message: 'The request could not be understood.',
};

// As helmet's policy for the app's pages (web/security.ts): this page has no script or form.
const HEADERS = [
  'Cache-Control: no-store',
  "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options: nosniff',
  'Connection: close',
];

/**
 * Requests Node refuses before Express sees them (an address over Node's header limit, bytes
 * that are not HTTP, a request that trickles in too slowly) get the app's error page, rendered
 * from views/error.ejs like every other, where Node would send a bare status line.
 *
 * Where no page can be sent, the connection is closed as Node closes it: when the client has
 * reset or ended it, and when a response has already gone out on it (a keep-alive connection),
 * since bytes written then could land inside another response. A browser retries a request
 * that fails so on a reused connection, on a fresh one, which gets the page.
 */
export function answerClientErrors(server: Server, app: Express): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!canAnswer(socket) || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const page = (error.code && PAGES[error.code]) || MALFORMED;
    const answer = (renderError: Error | null, html: string) => {
      if (!canAnswer(socket)) return socket.destroy();
      const body = renderError ? `${page.title}: ${page.message}` : html;
      const type = renderError ? 'text/plain' : 'text/html';
      const head = [
        `HTTP/1.1 ${String(page.status)} ${page.reason}`,
        `Content-Type: ${type}; charset=utf-8`,
        ...HEADERS,
        `Content-Length: ${String(Buffer.byteLength(body))}`,
      ];
      socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    };
    app.render('error', { title: page.title, message: page.message }, answer);
  });
}

function canAnswer(socket: Socket): boolean {
  return socket.writable && socket.bytesWritten === 0;
}
