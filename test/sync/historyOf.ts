import {
  historyFromJson,
  historyJson,
  type TriggerLogEntry,
  type TriggerLogJsonRow,
} from '../../src/connect/triggerLog';
import type { Database } from '../../src/db/database';

/** A row's write history as a card reads it, through the same SQL, on its own. */
export async function historyOf(
  db: Database,
  schema: string,
  recordId: number,
): Promise<TriggerLogEntry[]> {
  const result = await db.query<{ history: TriggerLogJsonRow[] | null }>(
    `SELECT ${historyJson(schema, '$1')} AS history`,
    [recordId],
  );
  return historyFromJson(result.rows[0]?.history ?? null);
}
