import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Database } from '../db/database';
import type { Follower } from '../db/followerReads';
import { readCookie, writeCookie } from './cookies';

/** Where one request's reads go: the follower, unless it lacks the user's own latest write. */
export type ReaderFor = (req: Request) => Database;

const WROTE_COOKIE = 'cc_wrote';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A follower replays the leader's commits a moment later, so the page a user is sent to after
 * their own change (the list after a delete, failed writes after a retry) could show the world
 * before it. Each successful write therefore tells the browser when it was made, and that
 * browser reads from the leader until the follower has replayed that moment. A cookie, because
 * it reaches whichever dyno and worker serve the next request without shared state, and, unlike
 * a flash message, it still holds when the user reloads or opens the list by hand. Forging it
 * gains nothing: it only sends the forger's own reads to the leader.
 */
export function rememberOwnWrites(follower: Follower): RequestHandler {
  return (req, res, next) => {
    if (!SAFE_METHODS.has(req.method)) {
      // Stamped as the headers go out, after the handler's write has committed; a refused
      // request (4xx, 5xx) wrote nothing.
      beforeHeaders(res, (status) => {
        if (status >= 400) return;
        // Older writes are on the follower whenever it is in use.
        writeCookie(res, WROTE_COOKIE, String(Date.now()), follower.replayBoundMs);
      });
    }
    next();
  };
}

export function readerFor(leader: Database, follower: Follower | undefined): ReaderFor {
  if (!follower) return () => leader;
  return (req) => {
    const wroteAt = Number(readCookie(req, WROTE_COOKIE));
    return Number.isFinite(wroteAt) && !follower.hasReplayed(wroteAt) ? leader : follower.reader;
  };
}

/** Node writes the status line and headers in `writeHead`, whoever sends the body. */
function beforeHeaders(res: ServerResponse, hook: (status: number) => void): void {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (...args: unknown[]) => {
    hook(typeof args[0] === 'number' ? args[0] : res.statusCode);
    const sent: unknown = Reflect.apply(writeHead, res, args);
    return sent as ServerResponse;
  };
}
