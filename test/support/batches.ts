import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../src/db/database';
import { quoteIdentifier } from '../../src/db/identifiers';
import {
  BATCH_ITEMS_TABLE,
  BATCHES_TABLE,
  type BatchChange,
  type BatchKind,
  type ItemOutcome,
} from '../../src/records/batches';
import type { SignedInUser } from '../../src/web/signedInUser';

/** One chosen contact: what applying did to it, and for a written edit, what it set. */
export interface ItemSeed {
  contact: { id: number; sfid: string | null; firstname?: string | null; lastname?: string | null };
  outcome: ItemOutcome | null;
  /** The columns an edit writes; a delete batch deletes each written row instead. */
  set?: Record<string, string | null>;
}

export interface BatchSeed {
  kind: BatchKind;
  user: Pick<SignedInUser, 'id' | 'username' | 'name'>;
  changes?: BatchChange[];
  /** False leaves the batch chosen but not applied: nothing is written. */
  applied?: boolean;
  items: ItemSeed[];
}

export interface SeededBatch {
  id: string;
  /** Each item's trigger-log entry, in the order given; null where nothing was captured. */
  entryIds: (number | null)[];
}

/**
 * A batch as applying it leaves it: the written rows really UPDATEd or DELETEd in one
 * transaction (Connect's trigger, where installed, captures each), each item's entry found by
 * txid and record id, as the contract between the bulk action and the batch page says.
 */
export async function seedBatch(db: Database, seed: BatchSeed): Promise<SeededBatch> {
  const applied = seed.applied ?? true;
  return db.withTransaction(async (client) => {
    const written = applied ? seed.items.filter((item) => item.outcome === 'written') : [];
    for (const item of written) await write(client, seed.kind, item);
    const entries = await capturedEntries(
      client,
      written.map((item) => item.contact.id),
    );
    const id = randomUUID();
    await client.query(
      `INSERT INTO ${BATCHES_TABLE} (id, kind, user_id, username, user_name, applied_at, changes)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, $7)`,
      [
        id,
        seed.kind,
        seed.user.id,
        seed.user.username,
        seed.user.name,
        applied,
        applied ? JSON.stringify(seed.changes ?? []) : null,
      ],
    );
    const entryIds = seed.items.map((item) =>
      applied && item.outcome === 'written' ? (entries.get(item.contact.id) ?? null) : null,
    );
    await client.query(
      `INSERT INTO ${BATCH_ITEMS_TABLE}
         (batch_id, position, contact_row_id, contact_key, snapshot, outcome, trigger_log_id)
       SELECT $1, i.position, i.row_id, i.key, i.snapshot, i.outcome, i.entry_id
         FROM jsonb_to_recordset($2::jsonb) AS i(position int, row_id bigint, key text,
                                                 snapshot jsonb, outcome text, entry_id bigint)`,
      [
        id,
        JSON.stringify(
          seed.items.map((item, position) => ({
            position,
            row_id: item.contact.id,
            key: item.contact.sfid ?? `row-${String(item.contact.id)}`,
            snapshot: { firstname: item.contact.firstname, lastname: item.contact.lastname },
            outcome: applied ? item.outcome : null,
            entry_id: entryIds[position],
          })),
        ),
      ],
    );
    return { id, entryIds };
  });
}

async function write(client: Queryable, kind: BatchKind, item: ItemSeed): Promise<void> {
  if (kind === 'delete') {
    await client.query('DELETE FROM salesforce.contact WHERE id = $1', [item.contact.id]);
    return;
  }
  const set = Object.entries(item.set ?? {});
  if (set.length === 0) throw new Error('a written edit sets at least one column');
  await client.query(
    `UPDATE salesforce.contact
        SET ${set.map(([column], i) => `${quoteIdentifier(column)} = $${String(i + 2)}`).join(', ')}
      WHERE id = $1`,
    [item.contact.id, ...set.map(([, value]) => value)],
  );
}

/** This transaction's trigger-log entries by row id; none where Connect's log is absent. */
async function capturedEntries(client: Queryable, rowIds: number[]): Promise<Map<number, number>> {
  const present = await client.query<{ present: boolean }>(
    `SELECT to_regclass('salesforce._trigger_log') IS NOT NULL AS present`,
  );
  if (!present.rows[0]?.present) return new Map();
  const entries = await client.query<{ id: number; record_id: number }>(
    `SELECT id, record_id FROM salesforce._trigger_log
      WHERE txid = txid_current() AND table_name = 'contact' AND record_id = ANY($1::int[])`,
    [rowIds],
  );
  return new Map(entries.rows.map((entry) => [entry.record_id, entry.id]));
}
