import type { SignedInUser } from '../web/signedInUser';
import { findOwnRecord, madeByOrAdmin, type Reader } from './ownRecord';

/**
 * Bulk actions on many contacts (migrations/0003_batches.sql): a batch holds the contacts an
 * editor chose, each as it was then, and after it is applied each row's outcome and the
 * trigger-log entry of its write. contacts/bulk/ creates and applies batches; sync/ shows them.
 */
export const BATCHES_TABLE = 'contact_card.batches';
export const BATCH_ITEMS_TABLE = 'contact_card.batch_items';

/** The most contacts one batch may hold: "select all that match" stops here, and says so. */
export const BATCH_LIMIT = 10_000;

/** A mass edit, a delete of many, or the contacts a CSV import wrote (contacts/import/). */
export type BatchKind = 'edit' | 'delete' | 'import';

/**
 * What applying did to one row: written (Connect's trigger captured it), unchanged (it already
 * held what was asked, so nothing was written: Connect would leave such a row PENDING for
 * good), changed_meanwhile (someone changed a field the batch sets, or for a delete any field,
 * since the row was chosen: skipped, never overwritten), gone (deleted, or no longer visible).
 */
export const ITEM_OUTCOMES = ['written', 'unchanged', 'changed_meanwhile', 'gone'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** One field a mass edit set, as the batch records it once applied. */
export interface BatchChange {
  field: string;
  label: string;
  to: string;
}

export interface Batch {
  id: string;
  kind: BatchKind;
  createdAt: Date;
  userId: string;
  userName: string;
  listQuery: string;
  itemCount: number;
  /** Null until applied. */
  appliedAt: Date | null;
  changes: BatchChange[] | null;
}

interface BatchRow {
  id: string;
  kind: BatchKind;
  created_at: Date;
  user_id: string;
  user_name: string;
  list_query: string;
  item_count: number;
  applied_at: Date | null;
  changes: BatchChange[] | null;
}

/**
 * The batch a URL names, if this user may see it (records/ownRecord.ts): the editor who chose
 * its contacts, or an admin. `lock` holds it for the caller's transaction while it is applied.
 */
export async function findBatch(
  db: Reader,
  id: string,
  user: SignedInUser,
  { lock = false }: { lock?: boolean } = {},
): Promise<Batch | null> {
  const row = await findOwnRecord<BatchRow>(
    db,
    `SELECT b.id, b.kind, b.created_at, b.user_id, b.user_name, b.list_query, b.applied_at,
            b.changes,
            (SELECT count(*)::int FROM ${BATCH_ITEMS_TABLE} i WHERE i.batch_id = b.id)
              AS item_count
       FROM ${BATCHES_TABLE} b
      WHERE b.id = $1 AND ${madeByOrAdmin('b.user_id')}${lock ? ' FOR UPDATE OF b' : ''}`,
    id,
    user,
  );
  return row ? toBatch(row) : null;
}

function toBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at,
    userId: row.user_id,
    userName: row.user_name,
    listQuery: row.list_query,
    itemCount: row.item_count,
    appliedAt: row.applied_at,
    changes: row.changes,
  };
}
