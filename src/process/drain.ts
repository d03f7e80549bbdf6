import type { Server } from 'node:http';

/**
 * Returns a function that stops the server taking connections and resolves once the requests
 * in flight have finished. Keep-alive sockets are closed as soon as they fall idle, and a
 * request that still arrives on one is answered with `Connection: close`, so an open browser
 * connection cannot hold the process up until Heroku's SIGKILL.
 */
export function drainOnClose(server: Server): () => Promise<void> {
  let closing = false;
  server.on('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    res.on('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () =>
    new Promise((resolve) => {
      closing = true;
      // Called back with an error only when the server was not listening: nothing to drain.
      server.close(() => {
        resolve();
      });
      server.closeIdleConnections();
    });
}
