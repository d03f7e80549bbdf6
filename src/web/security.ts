import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** A strict CSP: the pages use no inline script or style and load nothing from elsewhere. */
export function securityHeaders(isProduction: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Heroku's router terminates TLS and says how the request arrived in X-Forwarded-Proto. */
export const redirectToHttps: RequestHandler = (req, res, next) => {
  if (req.secure) return next();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.status(403).type('text').send('Use https.');
    return;
  }
  res.redirect(301, `https://${req.hostname}${req.originalUrl}`);
};
