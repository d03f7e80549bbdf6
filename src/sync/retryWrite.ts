import type { Database, Queryable } from '../db/database';
import {
  triggerLogStateSql,
  triggerLogTable,
  type TriggerLogSource,
  type TriggerLogState,
} from '../connect/triggerLog';

export type RetryOutcome = 'requeued' | 'not_failed' | 'not_found';

/**
 * Connect never retries a failed write itself. Its documented recovery (merged writes): set a
 * failed live entry back to NEW, or copy a failed archived entry into the live log as NEW and
 * mark the archived one REQUEUED. The entry is locked first, so a double click or two users
 * retrying at once queue exactly one retry; the second sees it is no longer FAILED.
 */
export function retryWrite(
  db: Database,
  schema: string,
  source: TriggerLogSource,
  entryId: number,
): Promise<RetryOutcome> {
  return db.withTransaction(async (client) => {
    const table = triggerLogTable(schema, source);
    const locked = await client.query<{ state: TriggerLogState }>(
      `SELECT state FROM ${table} WHERE id = $1 FOR UPDATE`,
      [entryId],
    );
    const entry = locked.rows[0];
    if (!entry) return 'not_found';
    if (entry.state !== 'FAILED') return 'not_failed';
    if (source === 'live') {
      await client.query(
        `UPDATE ${table} SET state = ${triggerLogStateSql('NEW')}, updated_at = now() WHERE id = $1`,
        [entryId],
      );
    } else {
      await requeueArchived(client, schema, entryId);
    }
    return 'requeued';
  });
}

async function requeueArchived(client: Queryable, schema: string, entryId: number): Promise<void> {
  // The copy is a fresh capture: a new id from the live sequence and a new time.
  await client.query(
    `INSERT INTO ${triggerLogTable(schema, 'live')}
       (txid, created_at, updated_at, state, action, table_name, record_id, sfid, "values", old)
     SELECT txid, now(), now(), ${triggerLogStateSql('NEW')}, action, table_name, record_id,
            sfid, "values", old
       FROM ${triggerLogTable(schema, 'archive')} WHERE id = $1`,
    [entryId],
  );
  await client.query(
    `UPDATE ${triggerLogTable(schema, 'archive')}
        SET state = ${triggerLogStateSql('REQUEUED')}, updated_at = now()
      WHERE id = $1`,
    [entryId],
  );
}
