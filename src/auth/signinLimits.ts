import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Database } from '../db/database';
import { PostgresRateLimitStore } from '../db/rateLimitStore';
import { HttpError } from '../web/httpErrors';

export interface SigninLimit {
  attempts: number;
  windowMs: number;
}

/**
 * One shared password guards the app, so guessing is the threat. Ten wrong tries per address
 * slows one guesser; the overall cap slows many addresses guessing together. An address that is
 * already limited stops counting against the overall cap, so one client can't use up the budget.
 * The cost: a flood of wrong guesses can make everyone wait, but sessions already signed in keep
 * working.
 */
export const SIGNIN_LIMITS = {
  perAddress: { attempts: 10, windowMs: 15 * 60_000 },
  overall: { attempts: 100, windowMs: 15 * 60_000 },
} as const satisfies Record<string, SigninLimit>;

/**
 * Salesforce itself guards the password, so this only stops a flood of flows. An office signs
 * in from one address (NAT): a whole team signing in at nine, twice each, stays well inside it.
 */
export const CALLBACK_LIMITS = {
  perAddress: { attempts: 300, windowMs: 15 * 60_000 },
} as const satisfies Record<string, SigninLimit>;

/**
 * Counts failed sign-ins only. The counters live in Postgres and are shared by every worker and
 * dyno, so these are the limits of the whole app however many processes it runs.
 */
export function signinRateLimits(db: Database, limits = SIGNIN_LIMITS): RequestHandler[] {
  const failuresOnly = {
    skipSuccessfulRequests: true,
    tooMany: (seconds: number) => new TooManySigninAttempts(seconds),
  };
  return [
    limiter(db, 'signin-address:', limits.perAddress, failuresOnly),
    // One key for everybody: the overall budget.
    limiter(db, 'signin-all:', limits.overall, { ...failuresOnly, keyGenerator: () => 'all' }),
  ];
}

/**
 * For `GET /auth/salesforce` and its callback: mount the same handlers on both, so an address
 * has one counter for the whole round trip. It counts every request, not only failures: sending
 * someone to Salesforce succeeds whatever happens there, and each callback costs a token
 * exchange with Salesforce, so it is the volume that needs a ceiling.
 */
export function callbackRateLimits(db: Database, limits = CALLBACK_LIMITS): RequestHandler[] {
  return [
    limiter(db, 'callback-address:', limits.perAddress, {
      skipSuccessfulRequests: false,
      tooMany: (seconds) => new TooManySalesforceSignins(seconds),
    }),
  ];
}

interface LimiterOptions {
  skipSuccessfulRequests: boolean;
  tooMany: (retryAfterSeconds: number) => HttpError;
  keyGenerator?: (req: Request) => string;
}

function limiter(
  db: Database,
  prefix: string,
  limit: SigninLimit,
  options: LimiterOptions,
): RequestHandler {
  const counting = (store?: PostgresRateLimitStore) =>
    rateLimit({
      limit: limit.attempts,
      windowMs: limit.windowMs,
      skipSuccessfulRequests: options.skipSuccessfulRequests,
      standardHeaders: false,
      legacyHeaders: false,
      ...(options.keyGenerator ? { keyGenerator: options.keyGenerator } : {}),
      ...(store ? { store } : {}),
      // A store error reaches `withLocalFallback` instead of letting the request through.
      passOnStoreError: false,
      // Outside production nothing sits in front of the app, so a client's X-Forwarded-For is
      // just a header; the library would otherwise warn about it on the console.
      validate: { xForwardedForHeader: false },
      handler: (req) => {
        throw options.tooMany(secondsUntilReset(req, limit.windowMs));
      },
    });
  return withLocalFallback(counting(new PostgresRateLimitStore(db, prefix)), counting());
}

/**
 * When the database cannot count (it is down, or its pool is used up), the request is counted
 * in this process's memory instead, as every request was before counters were shared, and a
 * warning is logged. Failing closed would turn a database blip into an error page for everyone
 * signing in, though checking the password needs no database. Failing open (express-rate-limit's
 * `passOnStoreError`) would let a flood of guesses switch the limit off by exhausting the very
 * pool it counts in. Counting per process keeps a hard ceiling: the limits times the number of
 * processes, for as long as the database is away.
 */
function withLocalFallback(shared: RequestHandler, local: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void shared(req, res, (error?: unknown) => {
      // Nothing, 'route' and 'router' go on as Express means them; a 429 is the limit working.
      if (error === undefined || typeof error === 'string' || error instanceof HttpError) {
        next(error);
        return;
      }
      req.log.warn(
        { err: error },
        'rate-limit counters unavailable in the database; counting in this process only',
      );
      void local(req, res, next);
    });
  };
}

export class TooManySigninAttempts extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'Too many sign-in attempts',
      `There have been too many sign-in attempts with a wrong password. Wait ${minutesText(retryAfterSeconds)} and try again.`,
    );
  }
}

export class TooManySalesforceSignins extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'Too many sign-in attempts',
      `There have been too many attempts to sign in with Salesforce from your address. Wait ${minutesText(retryAfterSeconds)} and try again.`,
    );
  }
}

function secondsUntilReset(req: Request, windowMs: number): number {
  const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
  const resetAt = info?.resetTime?.getTime() ?? Date.now() + windowMs;
  return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
}

function minutesText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
