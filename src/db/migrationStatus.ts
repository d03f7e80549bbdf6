import type { Database } from './database';
import { expectedMigrations, MIGRATIONS_SCHEMA, MIGRATIONS_TABLE } from './migrations';
import { qualified } from './identifiers';

export interface MigrationStatus {
  /** Every migration this release has. */
  expected: string[];
  /** What the database has recorded, oldest first; it may hold a newer release's too. */
  applied: string[];
  /** Expected and not applied: while there are any, the app's tables are not what it needs. */
  pending: string[];
}

export interface MigrationCheck {
  /** Reads the database's bookkeeping now. */
  read(): Promise<MigrationStatus>;
  /**
   * The pending migrations, from a read at most RECHECK_AFTER_MS old; once none are pending it
   * answers without a query for the rest of the process, since nothing un-applies them.
   */
  pending(): Promise<string[]>;
}

/** While behind, a read this often notices the release phase soon, at one query per interval. */
export const RECHECK_AFTER_MS = 2_000;
const UNDEFINED_TABLE = '42P01';

/**
 * Whether the database has this release's migrations. A web process only reads: the release
 * phase applies them (see migrations.ts), and a process that finds them missing says so
 * rather than failing on a missing table somewhere else.
 */
export function migrationCheck(db: Database, expected = expectedMigrations()): MigrationCheck {
  let current = false;
  let last: { at: number; pending: Promise<string[]> } | undefined;

  const read = async (): Promise<MigrationStatus> => {
    const applied = await appliedMigrations(db);
    const pending = expected.filter((name) => !applied.includes(name));
    if (pending.length === 0) current = true;
    return { expected, applied, pending };
  };

  return {
    read,
    pending() {
      if (current) return Promise.resolve([]);
      if (!last || Date.now() - last.at >= RECHECK_AFTER_MS) {
        const pending = read().then((status) => status.pending);
        last = { at: Date.now(), pending };
        // A failed read (database down) is not remembered: the next request asks again.
        pending.catch(() => {
          if (last?.pending === pending) last = undefined;
        });
      }
      return last.pending;
    },
  };
}

/** None before the first release with migrations: the bookkeeping table does not exist yet. */
async function appliedMigrations(db: Database): Promise<string[]> {
  try {
    const result = await db.query<{ name: string }>(
      `SELECT name FROM ${qualified(MIGRATIONS_SCHEMA, MIGRATIONS_TABLE)} ORDER BY run_on, id`,
    );
    return result.rows.map((row) => row.name);
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return [];
    throw error;
  }
}
