import { appTable } from '../db/appTable';
import type { Database } from '../db/database';
import type { Session } from './session';

export interface SessionRevocations {
  revoke(session: Session): Promise<void>;
  isRevoked(session: Session): Promise<boolean>;
}

/** A "not signed out" answer is trusted this long, so busy pages don't add a query each. */
export const RECHECK_AFTER_MS = 5_000;
const REMEMBERED_SESSIONS = 10_000;

/**
 * Sessions are signed cookies that any dyno can verify without a store, so signing out has to
 * be written down where every dyno can see it: a small table of signed-out session ids, kept
 * until those sessions would have expired anyway. It lives in the app's own schema, because
 * Connect owns its schema and refuses to run if that schema holds anything unexpected.
 *
 * The process that signs a session out refuses it at once; another dyno or worker may accept it
 * for up to RECHECK_AFTER_MS more. A short session lifetime with a sliding refresh would revoke
 * nothing at all until expiry, and a session store would cost a write on every request.
 */
export function revokedSessions(db: Database): SessionRevocations {
  const known = new Map<string, { revoked: boolean; until: number }>();
  const withTable = appTable(
    db,
    'revoked_sessions',
    'sid text PRIMARY KEY, expires_at timestamptz NOT NULL',
  );

  const remember = (sid: string, revoked: boolean, until: number) => {
    if (known.size >= REMEMBERED_SESSIONS) forgetExpired(known);
    known.set(sid, { revoked, until });
  };

  return {
    async isRevoked(session) {
      const cached = known.get(session.sid);
      if (cached && cached.until > Date.now()) return cached.revoked;
      const result = await withTable(() =>
        db.query('SELECT 1 FROM contact_card.revoked_sessions WHERE sid = $1', [session.sid]),
      );
      const revoked = result.rowCount !== 0;
      remember(session.sid, revoked, revoked ? session.expiresAt : Date.now() + RECHECK_AFTER_MS);
      return revoked;
    },

    async revoke(session) {
      await withTable(async () => {
        await db.query(
          `INSERT INTO contact_card.revoked_sessions (sid, expires_at)
           VALUES ($1, to_timestamp($2::double precision / 1000)) ON CONFLICT (sid) DO NOTHING`,
          [session.sid, session.expiresAt],
        );
        // Expired sessions are refused by their own timestamp, so their rows can go.
        await db.query('DELETE FROM contact_card.revoked_sessions WHERE expires_at < now()');
      });
      remember(session.sid, true, session.expiresAt);
    },
  };
}

function forgetExpired(known: Map<string, { until: number }>): void {
  const now = Date.now();
  for (const [sid, entry] of known) if (entry.until <= now) known.delete(sid);
  if (known.size >= REMEMBERED_SESSIONS) known.clear();
}
