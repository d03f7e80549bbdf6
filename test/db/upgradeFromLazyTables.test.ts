import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_TABLE } from '../../src/audit/auditTable';
import type { Database } from '../../src/db/database';
import { expectedMigrations, migrate } from '../../src/db/migrations';
import { createDevSchema } from '../../src/dev/devSchema';
import { listedRequestIds } from '../admin/auditEntries';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

const LAZY_TABLES = readFileSync(path.join(__dirname, 'fixtures', 'lazyTables.sql'), 'utf8');
const APP_TABLES = [
  'audit_entries',
  'contact_submissions',
  'rate_limit_hits',
  'revoked_sessions',
  'user_signouts',
];

/** Rows per table of the app's own, by name. */
async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of APP_TABLES) {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contact_card.${table}`,
    );
    counts[table] = result.rows[0]?.n ?? -1;
  }
  return counts;
}

/** Every column, index, constraint and trigger of the app's tables, as Postgres describes them. */
async function definitions(db: Database): Promise<string[]> {
  const result = await db.query<{ line: string }>(
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
              || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS line
       FROM information_schema.columns WHERE table_schema = 'contact_card' AND table_name = ANY($1)
     UNION ALL
     SELECT 'index ' || indexdef FROM pg_indexes
      WHERE schemaname = 'contact_card' AND tablename = ANY($1)
     UNION ALL
     SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t
      WHERE t.tgrelid = ANY(SELECT ('contact_card.' || name)::regclass FROM unnest($1::text[]) name)
        AND NOT t.tgisinternal
     UNION ALL
     SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p
      WHERE p.pronamespace = 'contact_card'::regnamespace
     ORDER BY 1`,
    [APP_TABLES],
  );
  return result.rows.map((row) => row.line);
}

describe('the first migration on a database made by the release before migrations', () => {
  let t: TestApp;
  let fresh: TestDatabase;
  beforeAll(async () => {
    t = await startTestApp({ withSchema: false, migrated: false });
    await createDevSchema(t.db, 'salesforce');
    await t.db.query(LAZY_TABLES);
    fresh = await createTestDatabase({ withSchema: false });
  });
  afterAll(async () => {
    await t.close();
    await fresh.close();
  });

  // In order: the rows are written by the old release, then the same database is migrated.
  test('when its tables hold rows, then migrating keeps every row and the app works on them', async () => {
    const editor = t.agentSignedInAs(TEST_USERS.editor);
    await t.db.query(
      `INSERT INTO ${AUDIT_TABLE} (at, action, user_id, username, user_name, request_id)
       VALUES (now() - interval '2 days', 'sign_in', $1, $2, $3, 'before-migrations')`,
      [TEST_USERS.editor.id, TEST_USERS.editor.username, TEST_USERS.editor.name],
    );
    // Signed out everywhere after the editor's session was issued: it must stay refused.
    await t.db.query(
      `INSERT INTO contact_card.user_signouts (user_id, signed_out_at)
       VALUES ($1, to_timestamp($2::double precision / 1000))`,
      [TEST_USERS.editor.id, Date.now()],
    );
    await t.db.query(
      `INSERT INTO contact_card.revoked_sessions VALUES ('old-session', now() + interval '1 day');
       INSERT INTO contact_card.contact_submissions
         VALUES ('old-session', 'form-token', now() + interval '1 day', 'ext-1');
       INSERT INTO contact_card.rate_limit_hits VALUES ('signin:127.0.0.1', 3, now() + interval '1 hour')`,
    );
    const before = await rowCounts(t.db);

    const applied = await migrate({ connectionString: t.url }, () => undefined);

    expect(applied).toEqual(expectedMigrations());
    expect(await rowCounts(t.db)).toEqual(before);
    const audit = await t.agentSignedInAs(TEST_USERS.admin).get('/audit');
    expect(audit.status).toBe(200);
    expect(listedRequestIds(audit.text)).toContain('before-migrations');
    const refused = await editor.get('/contacts');
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toMatch(/^\/signin/);
    await expect(t.db.query(`UPDATE ${AUDIT_TABLE} SET detail = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
  });

  test('when migrated, then its tables are defined exactly as on a database migrated from empty', async () => {
    expect(await definitions(t.db)).toEqual(await definitions(fresh.db));
  });
});
