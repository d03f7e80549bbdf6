import path from 'node:path';
import { AUDIT_TABLE } from '../src/audit/auditTable';
import type { Database } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { CITIES, DEPARTMENTS, TITLES } from '../src/dev/sampleData';
import { EMULATOR_ORG_ID, SAMPLE_SALESFORCE_USERS } from '../src/loginEmulator/sampleUsers';
import { seconds, type BenchDatabase } from './benchDatabase';
import { projectRoot } from './projectRoot';

/** The emulator's users of the org, then made-up colleagues: 200 people in all. */
const USERS = 200;
/** Runs add entries (every edit, create and sign-in); up to this share more is still "N". */
const REUSE_SLACK = 0.1;

/**
 * Leaves the audit trail at `entries` entries before the app starts, and says how many it
 * holds: reuses one that holds that many (plus at most a tenth more from earlier runs),
 * otherwise empties the table and fills it afresh. Entries are as the app writes them, a year's
 * worth, oldest first so `at` rises with `id` as the audit page's date filter expects: mostly
 * edits, some creates, deletes, retries, sign-ins and refusals, by 200 users of whom a few do
 * much of the work, about the seeded contacts. The table comes from the app's migrations, which
 * the release phase would apply next anyway.
 */
export async function prepareAuditEntries(
  bench: BenchDatabase,
  entries: number,
  contacts: number,
  log: (line: string) => void,
): Promise<number> {
  const { db, url } = bench;
  const existing = await countEntries(db);
  if (existing >= entries && existing <= entries * (1 + REUSE_SLACK)) {
    log(`Reusing ${existing.toLocaleString('en-US')} audit entries`);
    return existing;
  }
  // The bench runs from its own build folder, which holds no migrations/: the project's are used.
  await migrate({ connectionString: url }, () => undefined, path.join(projectRoot(), 'migrations'));
  await emptyTrail(db);
  const started = Date.now();
  // A million entries with the table's nine secondary indexes in place took 70–80 s here (2
  // vCPUs); inserted without them and indexed after, 37–50 s.
  const indexes = await dropSecondaryIndexes(db);
  if (entries > 0) await db.query(fillSql(), fillParams(entries, contacts));
  const inserted = seconds(started);
  for (const definition of indexes) await db.query(definition);
  await db.query(`VACUUM (ANALYZE) ${AUDIT_TABLE}`);
  // A gigabyte of fresh pages would otherwise be written out during the first scenarios.
  // Only a superuser (or pg_checkpoint) may; another BENCH_DATABASE_URL does without.
  await db.query('CHECKPOINT').catch(() => undefined);
  log(
    `Filled the audit trail with ${entries.toLocaleString('en-US')} entries in ${seconds(started)} s ` +
      `(inserted in ${inserted} s, then indexed)`,
  );
  return entries;
}

/**
 * The trail's trigger refuses TRUNCATE to everyone, so it is set aside for the one statement;
 * ids start again at 1, as in a fresh table.
 */
async function emptyTrail(db: Database): Promise<void> {
  await db.withTransaction(async (client) => {
    await client.query(`ALTER TABLE ${AUDIT_TABLE} DISABLE TRIGGER audit_entries_no_truncate`);
    await client.query(`TRUNCATE ${AUDIT_TABLE} RESTART IDENTITY`);
    await client.query(`ALTER TABLE ${AUDIT_TABLE} ENABLE TRIGGER audit_entries_no_truncate`);
  });
}

async function countEntries(db: Database): Promise<number> {
  const table = await db.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [
    AUDIT_TABLE,
  ]);
  if (!table.rows[0]?.found) return -1;
  const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${AUDIT_TABLE}`);
  return result.rows[0]?.n ?? -1;
}

/** Drops every index but the primary key and returns the statements that make them again. */
async function dropSecondaryIndexes(db: Database): Promise<string[]> {
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x WHERE x.indrelid = $1::regclass AND NOT x.indisprimary`,
    [AUDIT_TABLE],
  );
  for (const { name } of indexes.rows) await db.query(`DROP INDEX ${name}`);
  return indexes.rows.map((index) => index.definition);
}

function fillParams(entries: number, contacts: number): unknown[] {
  const sample = SAMPLE_SALESFORCE_USERS.filter((user) => user.organizationId === EMULATOR_ORG_ID);
  const users = [
    ...sample.map((user) => ({
      id: user.userId,
      username: user.preferredUsername,
      name: user.name,
    })),
    ...Array.from({ length: USERS - sample.length }, (_, i) => ({
      id: `005${String(100 + i).padStart(12, '0')}AAA`,
      username: `colleague${i + 1}@contactcard.example`,
      name: `Colleague ${i + 1}`,
    })),
  ];
  return [
    entries,
    contacts,
    users.map((user) => user.id),
    users.map((user) => user.username),
    users.map((user) => user.name),
    TITLES,
    DEPARTMENTS,
    CITIES.map(([city]) => city),
  ];
}

/**
 * One statement: Postgres makes the rows, which is far faster than sending them. Entry g's
 * user is skewed (the emulator's four users write one entry in seven between them),
 * its action is one of a hundred buckets, its contact is spread over all the seeded ones (whose
 * sfid and External ID follow from their number, as src/dev/seed.ts makes them).
 */
function fillSql(): string {
  const pick = (param: number, prime: number) =>
    `($${param}::text[])[1 + ((g * ${prime}) % cardinality($${param}::text[]))::int]`;
  const change = (field: string, label: string, from: string, to: string) =>
    `jsonb_build_object('field', '${field}', 'label', '${label}', 'from', ${from}, 'to', ${to})`;
  return `
    INSERT INTO ${AUDIT_TABLE}
      (at, action, user_id, username, user_name, contact_key, contact_row_id, sfid, external_id,
       changes, detail, request_id)
    SELECT at, action, ($3::text[])[u], ($4::text[])[u], ($5::text[])[u],
           CASE WHEN about_contact THEN sfid END, CASE WHEN about_contact THEN n END,
           CASE WHEN about_contact THEN sfid END,
           CASE WHEN about_contact AND n % 4 = 0 THEN md5('contact-card-sample-' || n) END,
           CASE action
             WHEN 'edit' THEN jsonb_build_array(
               CASE g % 3
                 WHEN 0 THEN ${change('title', 'Title', pick(6, 7), pick(6, 11))}
                 WHEN 1 THEN ${change('department', 'Department', pick(7, 7), pick(7, 11))}
                 ELSE ${change('mailingcity', 'City', pick(8, 7), pick(8, 11))}
               END) || CASE WHEN g % 5 = 0
                 THEN jsonb_build_array(${change('phone', 'Phone', `'+1 555 ' || lpad((g % 10000)::text, 4, '0')`, `'+1 555 ' || lpad((g % 9999)::text, 4, '0')`)})
                 ELSE '[]'::jsonb END
             WHEN 'create' THEN jsonb_build_array(
               ${change('lastname', 'Last name', `''`, `'Created ' || n`)},
               ${change('title', 'Title', `''`, pick(6, 13))},
               ${change('department', 'Department', `''`, pick(7, 13))})
             WHEN 'delete' THEN jsonb_build_array(
               ${change('lastname', 'Last name', `'Sample ' || n`, `''`)},
               ${change('title', 'Title', pick(6, 17), `''`)})
             ELSE '[]'::jsonb
           END,
           CASE action
             WHEN 'retry' THEN 'retried failed write #' || (g % 5000) || ' (update)'
             WHEN 'sign_out_everywhere' THEN 'signed out ' || ($3::text[])[1 + (g % 200)] || ' everywhere'
             WHEN 'refused' THEN 'POST /contacts/' || sfid || ' needs the editor role; ' || ($5::text[])[u] || ' is a viewer'
           END,
           md5('bench-audit-' || g)::uuid::text
      FROM (
        SELECT g, at, u, n, action, sfid, action IN ('edit', 'create', 'delete', 'retry') AS about_contact
          FROM (
            SELECT g, n,
                   now() - interval '365 days' + (g - 1) * (interval '365 days' / $1::int) AS at,
                   1 + floor(cardinality($3::text[]) * power(((g * 7919) % 10007) / 10007.0, 2))::int AS u,
                   CASE
                     WHEN bucket < 70 THEN 'edit'
                     WHEN bucket < 78 THEN 'create'
                     WHEN bucket < 80 THEN 'delete'
                     WHEN bucket < 82 THEN 'retry'
                     WHEN bucket < 94 THEN 'sign_in'
                     WHEN bucket < 98 THEN 'sign_out'
                     WHEN bucket < 99 THEN 'sign_out_everywhere'
                     ELSE 'refused'
                   END AS action,
                   '003' || lpad(upper(to_hex(n)), 12, '0') || 'SMP' AS sfid
              FROM (SELECT g, 1 + (g * 104729) % $2::bigint AS n,
                           (g * 2654435761 % 4294967291) % 100 AS bucket
                      FROM generate_series(1, $1::bigint) AS g) AS numbered
          ) AS picked
      ) AS entry`;
}
