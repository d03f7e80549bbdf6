import type { Database } from '../db/database';
import type { Session } from './session';

export interface SessionRevocations {
  revoke(session: Session): Promise<void>;
  /**
   * Signs a user out everywhere: every session of theirs issued until now. Resolves to that
   * instant (ms since the epoch): a session issued after it is not refused.
   */
  revokeUser(userId: string): Promise<number>;
  isRevoked(session: Session): Promise<boolean>;
}

/** A "not signed out" answer is trusted this long, so busy pages don't add a query each. */
export const RECHECK_AFTER_MS = 5_000;
const REMEMBERED_SESSIONS = 10_000;

/**
 * Sessions are signed cookies that any dyno can verify without a store, so signing out has to
 * be written down where every dyno can see it: a small table of signed-out session ids, kept
 * until those sessions would have expired anyway (contact_card.revoked_sessions, in the app's
 * own schema: Connect refuses to run if its schema holds anything unexpected).
 *
 * "Sign out everywhere" is a second small table: a user's sessions issued before that moment are
 * refused. The process that signs a session (or a user) out refuses it at once; another dyno or
 * worker may accept it for up to RECHECK_AFTER_MS more. A short session lifetime with a sliding refresh would revoke
 * nothing at all until expiry, and a session store would cost a write on every request.
 */
export function revokedSessions(db: Database): SessionRevocations {
  const known = new Map<string, { revoked: boolean; until: number }>();

  const remember = (sid: string, revoked: boolean, until: number) => {
    if (known.size >= REMEMBERED_SESSIONS) forgetExpired(known);
    known.set(sid, { revoked, until });
  };

  return {
    async isRevoked(session) {
      const cached = known.get(session.sid);
      if (cached && cached.until > Date.now()) return cached.revoked;
      const result = await db.query<{ revoked: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM contact_card.revoked_sessions WHERE sid = $1)
             OR EXISTS (SELECT 1 FROM contact_card.user_signouts
                         WHERE user_id = $2
                           AND signed_out_at >= to_timestamp($3::double precision / 1000))
                AS revoked`,
        [session.sid, session.user?.id ?? null, session.issuedAt],
      );
      const revoked = result.rows[0]?.revoked === true;
      remember(session.sid, revoked, revoked ? session.expiresAt : Date.now() + RECHECK_AFTER_MS);
      return revoked;
    },

    async revoke(session) {
      await db.query(
        `INSERT INTO contact_card.revoked_sessions (sid, expires_at)
         VALUES ($1, to_timestamp($2::double precision / 1000)) ON CONFLICT (sid) DO NOTHING`,
        [session.sid, session.expiresAt],
      );
      // Expired sessions are refused by their own timestamp, so their rows can go.
      await db.query('DELETE FROM contact_card.revoked_sessions WHERE expires_at < now()');
      remember(session.sid, true, session.expiresAt);
    },

    async revokeUser(userId) {
      // The app's clock, as sessions' issuedAt is: a sign-in after this moment is not refused.
      const signedOutAt = Date.now();
      await db.query(
        `INSERT INTO contact_card.user_signouts (user_id, signed_out_at)
         VALUES ($1, to_timestamp($2::double precision / 1000))
         ON CONFLICT (user_id) DO UPDATE SET signed_out_at = EXCLUDED.signed_out_at`,
        [userId, signedOutAt],
      );
      // This process's answers for that user's sessions are stale now; which sids are theirs
      // is not known here, so all are asked again.
      known.clear();
      return signedOutAt;
    },
  };
}

function forgetExpired(known: Map<string, { until: number }>): void {
  const now = Date.now();
  for (const [sid, entry] of known) if (entry.until <= now) known.delete(sid);
  if (known.size >= REMEMBERED_SESSIONS) known.clear();
}
