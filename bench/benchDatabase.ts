import path from 'node:path';
import { createDatabase, type Database } from '../src/db/database';
import { createDevSchema } from '../src/dev/devSchema';
import { assertDevelopmentDatabase } from '../src/dev/devDatabaseGuard';
import { ensureDatabase, startEmbeddedPostgres } from '../src/dev/embeddedPostgres';
import { freePort } from '../src/dev/freePort';
import { seedContacts } from '../src/dev/seed';
import { createLogger } from '../src/logger';
import { projectRoot } from './projectRoot';

const SCHEMA = 'salesforce';

export interface BenchDatabase {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL, or an embedded PostgreSQL in .data/bench-postgres with one database per
 * contact count, so switching between sizes does not reseed every time.
 */
export async function openBenchDatabase(
  contacts: number,
  givenUrl: string | null,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  let url = givenUrl;
  let stopServer = () => Promise.resolve();
  if (!url) {
    const server = await startEmbeddedPostgres({
      // Its own folder and a free port, so the bench never touches the development database and
      // a bench in another checkout (or CI's smoke run beside a developer's) cannot collide.
      dataDir: path.join(projectRoot(), '.data', 'bench-postgres'),
      port: await freePort(),
      log,
    });
    const name = `contact_card_bench_${contacts}`;
    await ensureDatabase(server.connectionStringFor('postgres'), name);
    url = server.connectionStringFor(name);
    stopServer = () => server.stop();
  }
  const db = createDatabase({
    connectionString: url,
    poolMax: 4,
    // Seeding and VACUUM over a million rows take longer than any request may.
    statementTimeoutMs: 0,
    logger: createLogger('warn'),
  });
  return {
    url,
    db,
    async close() {
      await db.close();
      await stopServer();
    },
  };
}

/**
 * Leaves exactly `contacts` sample contacts: reuses a matching table (removing contacts a
 * previous run created), otherwise rebuilds the schema and seeds it. Refuses a schema that
 * Heroku Connect (or anyone but this app) owns.
 */
export async function prepareContacts(
  bench: BenchDatabase,
  contacts: number,
  log: (line: string) => void,
): Promise<void> {
  const { db, url } = bench;
  const owner = await assertDevelopmentDatabase(db, {
    connectionString: url,
    schema: SCHEMA,
    isProduction: false,
    allowRemote: true,
  });
  const reusable =
    owner === 'development' &&
    (await seededCount(db, 'contact')) === contacts &&
    (await seededCount(db, 'account')) > 0;
  if (reusable) {
    await db.query(`DELETE FROM ${SCHEMA}.contact WHERE sfid IS NULL`);
    await db.query(`DELETE FROM ${SCHEMA}.account WHERE sfid IS NULL`);
    log(`Reusing ${contacts.toLocaleString('en-US')} seeded contacts`);
  } else {
    await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await createDevSchema(db, SCHEMA);
    const started = Date.now();
    await seedContacts(db, SCHEMA, contacts, (done) => {
      process.stdout.write(`\rSeeding ${done.toLocaleString('en-US')} contacts`);
    });
    log(`\rSeeded ${contacts.toLocaleString('en-US')} contacts in ${seconds(started)} s`);
  }
  const started = Date.now();
  // Fresh statistics for the planner, and a visibility map for index-only scans.
  await db.query(`VACUUM (ANALYZE) ${SCHEMA}.contact, ${SCHEMA}.account`);
  log(`VACUUM ANALYZE in ${seconds(started)} s`);
}

/**
 * How many seeded (synced) rows the table holds; -1 when there is no table. A database seeded
 * before accounts existed has none, and is seeded again.
 */
async function seededCount(db: Database, table: 'contact' | 'account'): Promise<number> {
  const result = await db
    .query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.${table} WHERE sfid IS NOT NULL`,
    )
    .catch(() => null);
  return result?.rows[0]?.n ?? -1;
}

export function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
