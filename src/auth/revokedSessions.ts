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
  let table: Promise<void> | undefined;

  const withTable = async <T>(work: () => Promise<T>): Promise<T> => {
    table ??= createTable(db).catch((error: unknown) => {
      table = undefined;
      throw error;
    });
    await table;
    return work().catch((error: unknown) => {
      // The table was dropped (say, a database reset): create it again on the next request.
      if ((error as { code?: unknown }).code === '42P01') table = undefined;
      throw error;
    });
  };

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

/**
 * Created on first use, so a fresh Heroku database needs no migration step. The advisory lock
 * makes dynos starting together wait for one another instead of racing on the catalog.
 */
async function createTable(db: Database): Promise<void> {
  await db.withTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('contact_card.revoked_sessions'))");
    await client.query('CREATE SCHEMA IF NOT EXISTS contact_card');
    await client.query(
      `CREATE TABLE IF NOT EXISTS contact_card.revoked_sessions (
         sid text PRIMARY KEY,
         expires_at timestamptz NOT NULL
       )`,
    );
  });
}

function forgetExpired(known: Map<string, { until: number }>): void {
  const now = Date.now();
  for (const [sid, entry] of known) if (entry.until <= now) known.delete(sid);
  if (known.size >= REMEMBERED_SESSIONS) known.clear();
}
