import type { Request, RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
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
 * Counts failed sign-ins only. Counters live in this process's memory: each dyno (and each
 * cluster worker) keeps its own, so the effective limits are these times the number of
 * processes. That is still a hard ceiling on guessing, without a shared store to run.
 */
export function signinRateLimits(limits = SIGNIN_LIMITS): RequestHandler[] {
  return [
    limiter(limits.perAddress),
    // One key for everybody: the overall budget.
    limiter(limits.overall, () => 'all'),
  ];
}

function limiter(limit: SigninLimit, keyGenerator?: (req: Request) => string): RequestHandler {
  return rateLimit({
    limit: limit.attempts,
    windowMs: limit.windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: false,
    legacyHeaders: false,
    ...(keyGenerator ? { keyGenerator } : {}),
    // Outside production nothing sits in front of the app, so a client's X-Forwarded-For is
    // just a header; the library would otherwise warn about it on the console.
    validate: { xForwardedForHeader: false },
    handler: (req) => {
      throw new TooManySigninAttempts(secondsUntilReset(req, limit.windowMs));
    },
  });
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

function secondsUntilReset(req: Request, windowMs: number): number {
  const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
  const resetAt = info?.resetTime?.getTime() ?? Date.now() + windowMs;
  return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
}

function minutesText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
