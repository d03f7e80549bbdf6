import type { Database } from '../db/database';
import { AUDIT_TABLE } from './auditTable';

export interface RecentSignIn {
  userId: string;
  username: string;
  name: string;
  lastSignInAt: Date;
}

const MAX_USERS = 500;

/**
 * The users who signed in within `withinMs` (the session lifetime): those who may still hold
 * a session, so an admin can sign any of them out everywhere. Newest sign-in first.
 */
export async function recentSignIns(db: Database, withinMs: number): Promise<RecentSignIn[]> {
  const result = await db.query<{ user_id: string; username: string; user_name: string; at: Date }>(
    `SELECT * FROM (
         SELECT DISTINCT ON (user_id) user_id, username, user_name, at
           FROM ${AUDIT_TABLE}
          WHERE action = 'sign_in' AND at > now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY user_id, id DESC) latest
       ORDER BY at DESC LIMIT $2`,
    [withinMs, MAX_USERS],
  );
  return result.rows.map((row) => ({
    userId: row.user_id,
    username: row.username,
    name: row.user_name,
    lastSignInAt: row.at,
  }));
}
