import { isUsable, readMapping } from '../connect/mapping';
import type { Database } from '../db/database';
import type { Follower } from '../db/followerReads';
import type { MigrationStatus } from '../db/migrationStatus';

export type HealthStatus = 'ok' | 'setup_needed' | 'migrations_pending' | 'unavailable';

export interface HealthReport {
  status: HealthStatus;
  [detail: string]: unknown;
}

/**
 * Is the database reachable, has the release phase applied this release's migrations, has
 * Connect created the table, and are the columns the app needs mapped. Both are read afresh
 * each time, so the answer is about the database now, not a minute ago, and it leaves the
 * app's mapping cache alone. A follower that is down or lagging is reported, not a failure:
 * the leader serves its reads meanwhile.
 */
export async function healthReport(
  db: Database,
  schema: string,
  migrations: () => Promise<MigrationStatus>,
  follower: Follower | undefined,
): Promise<HealthReport> {
  const followerState = follower ? { follower: { configured: true, ...follower.status() } } : {};
  try {
    const [migration, mapping] = await Promise.all([migrations(), readMapping(db, schema)]);
    const current = migration.pending.length === 0;
    const complete = isUsable(mapping);
    return {
      status: current ? (complete ? 'ok' : 'setup_needed') : 'migrations_pending',
      database: { reachable: true },
      migrations: { current, ...migration },
      contactTable: { present: mapping.tablePresent, schema: mapping.schema },
      mapping: {
        complete,
        mappedFields: mapping.fields.map((f) => f.column),
        missingColumns: mapping.missingRequired,
        externalId: mapping.hasExternalId,
      },
      ...followerState,
    };
  } catch {
    return { status: 'unavailable', database: { reachable: false }, ...followerState };
  }
}
