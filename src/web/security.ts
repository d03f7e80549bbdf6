import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { ForbiddenError, HttpError } from './httpErrors';

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
    // For browsers that predate frame-ancestors.
    xFrameOptions: { action: 'deny' },
  });
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

/**
 * Heroku's router terminates TLS and says how the request arrived in X-Forwarded-Proto. The
 * redirect goes to the Host the router routed by, not to X-Forwarded-Host, which a client can
 * set to anything.
 */
export const redirectToHttps: RequestHandler = (req, res, next) => {
  if (req.secure) return next();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Redirecting would make the browser send the form again, in the clear.
    throw new ForbiddenError('This app only accepts forms sent over https.');
  }
  const host = req.get('host') ?? '';
  if (!HOST.test(host)) throw new HttpError(400, 'Bad request', 'The request named no valid host.');
  res.redirect(301, `https://${host}${req.originalUrl}`);
};
