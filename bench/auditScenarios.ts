import { AUDIT_TABLE } from '../src/audit/auditTable';
import type { Database } from '../src/db/database';
import { sampleUserByKey } from '../src/loginEmulator/sampleUsers';
import type { HttpUser } from '../test/support/httpUser';
import { sessionCookie } from './fixtures';
import type { Scenario } from './scenarios';

export interface AuditFixtures {
  /** The session of an admin: only admins may read the audit trail. */
  cookie: string;
  /** A user with a few percent of the entries, by the username the filter takes. */
  username: string;
  /** The day of the middle entry, as YYYY-MM-DD: a day long ago, among many newer. */
  day: string;
}

/** Checks that `admin` may read the audit page and picks what its filters ask for. */
export async function prepareAuditFixtures(admin: HttpUser, db: Database): Promise<AuditFixtures> {
  const page = await admin.get('/audit');
  if (page.status !== 200) throw new Error(`the audit page answered ${page.status} for an admin`);
  const middle = await db.query<{ day: string }>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM ${AUDIT_TABLE}
      WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM ${AUDIT_TABLE}) ORDER BY id LIMIT 1`,
  );
  return {
    cookie: sessionCookie(admin),
    username: sampleUserByKey('editor')?.preferredUsername ?? '',
    day: middle.rows[0]?.day ?? new Date().toISOString().slice(0, 10),
  };
}

/** The newest page of the whole trail, and of one user's, one action's and one day's entries. */
export function auditScenarios(fixtures: AuditFixtures): Scenario[] {
  const page = (name: string, query: Record<string, string>): Scenario => {
    const search = new URLSearchParams(query).toString();
    return {
      name,
      cookie: fixtures.cookie,
      requests: [{ method: 'GET', path: search ? `/audit?${search}` : '/audit' }],
    };
  };
  return [
    page('audit_first', {}),
    page('audit_user', { user: fixtures.username }),
    page('audit_action', { action: 'edit' }),
    page('audit_day', { from: fixtures.day, to: fixtures.day }),
  ];
}
