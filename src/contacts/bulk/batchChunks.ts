import type { AuditedContact } from '../../audit/auditEntry';
import { keyOf } from '../../connect/contactKey';
import {
  contactTable,
  EXTERNAL_ID_COLUMN,
  notDeleted,
  optionalColumn,
} from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { CONTACT_OBJECT } from '../../connect/mappedObject';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import { triggerLogTable, type TriggerLogAction } from '../../connect/triggerLog';
import type { Queryable } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import { BATCH_ITEMS_TABLE, type ItemOutcome } from '../../records/batches';
import {
  relatedColumns,
  toContactAccount,
  toContactOwner,
  type RelatedRow,
} from '../relatedRecords';
import { snapshotColumns } from './snapshotColumns';

/** Rows per statement while applying: a few hundred keeps each statement short and its arrays small. */
export const CHUNK_SIZE = 500;

/** A snapshot's or a row's values by column, as text, NULL as null. */
export type RowValues = Record<string, string | null>;

/** A contact as applying finds it, locked: its snapshot columns and the names of its relations. */
export interface LockedRow {
  contact: AuditedContact;
  values: RowValues;
  accountName: string;
  ownerId: string | null;
  ownerName: string | null;
}

/** One batch item with the row it names as it is now, or null when it is gone. */
export interface ChunkItem {
  position: number;
  snapshot: RowValues;
  current: LockedRow | null;
}

/** What applying did to an item, and for a written row the trigger-log entry of its write. */
export interface ItemResult {
  position: number;
  outcome: ItemOutcome;
  rowId: number | null;
}

/**
 * The batch's items a chunk at a time, in order, each with its row locked until the
 * transaction ends, so nobody changes a row between the comparison with its snapshot and the
 * write. A row deleted, or outside the request's owner scope, comes back as null (gone); so
 * does a row whose id Connect has since given to another record (a table reload renumbers ids).
 */
export async function* lockedChunks(
  client: Queryable,
  mapping: Mapping,
  batchId: string,
  scope: OwnerScope,
): AsyncGenerator<ChunkItem[]> {
  for (let after = 0; ;) {
    const items = await client.query<{
      position: number;
      contact_row_id: string;
      contact_key: string;
      snapshot: RowValues;
    }>(
      `SELECT position, contact_row_id, contact_key, snapshot FROM ${BATCH_ITEMS_TABLE}
        WHERE batch_id = $1 AND position > $2 ORDER BY position LIMIT ${CHUNK_SIZE}`,
      [batchId, after],
    );
    if (items.rows.length === 0) return;
    const rows = await lockRows(
      client,
      mapping,
      items.rows.map((item) => Number(item.contact_row_id)),
      scope,
    );
    yield items.rows.map((item) => {
      const row = rows.get(Number(item.contact_row_id));
      const same =
        row &&
        [row.contact.sfid, row.contact.externalId, row.contact.key].includes(item.contact_key);
      return { position: item.position, snapshot: item.snapshot, current: same ? row : null };
    });
    after = items.rows[items.rows.length - 1]?.position ?? after;
    if (items.rows.length < CHUNK_SIZE) return;
  }
}

async function lockRows(
  client: Queryable,
  mapping: Mapping,
  ids: number[],
  scope: OwnerScope,
): Promise<Map<number, LockedRow>> {
  const params: unknown[] = [ids];
  const owned = ownedBy(scope, appendParam(params), 'contact');
  const values = snapshotColumns(mapping).map(
    (column) => `contact.${quoteIdentifier(column)}::text AS ${quoteIdentifier(column)}`,
  );
  const result = await client.query<
    RelatedRow & { id: number; sfid: string | null; external_id: string | null } & RowValues
  >(
    `SELECT contact.id, contact.sfid,
            ${optionalColumn(mapping, EXTERNAL_ID_COLUMN, 'text', 'external_id')},
            ${[...values, ...relatedColumns(mapping, 'contact')].join(', ')}
       FROM ${contactTable(mapping)} AS contact
      WHERE contact.id = ANY($1::bigint[]) AND ${notDeleted(mapping)} AND ${owned}
      ORDER BY contact.id
        FOR UPDATE OF contact`,
    params,
  );
  const rows = new Map<number, LockedRow>();
  for (const row of result.rows) {
    const values: RowValues = {};
    for (const column of snapshotColumns(mapping)) values[column] = row[column] ?? null;
    const owner = toContactOwner(row);
    rows.set(row.id, {
      contact: {
        key: keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id }),
        rowId: row.id,
        sfid: row.sfid,
        externalId: row.external_id,
      },
      values,
      accountName: toContactAccount(row.account)?.name ?? '',
      ownerId: owner?.id ?? null,
      ownerName: owner?.name ?? null,
    });
  }
  return rows;
}

/**
 * Records each item's outcome, and for each written row the id of the entry Connect's trigger
 * logged for it in this transaction (the same id follows the entry into the archive). Without
 * a trigger log (a database Connect does not manage) the id stays NULL.
 */
export async function recordOutcomes(
  client: Queryable,
  mapping: Mapping,
  batchId: string,
  results: ItemResult[],
  action: TriggerLogAction,
): Promise<void> {
  const written = results.flatMap((result) =>
    result.outcome === 'written' && result.rowId !== null ? [result.rowId] : [],
  );
  const logIds = new Map<number, number>();
  if (mapping.triggerLog && written.length > 0) {
    const entries = await client.query<{ record_id: number; id: number }>(
      `SELECT record_id, max(id) AS id FROM ${triggerLogTable(mapping.schema, 'live')}
        WHERE txid = txid_current() AND table_name = $1 AND action = $2
          AND record_id = ANY($3::int[])
        GROUP BY record_id`,
      [CONTACT_OBJECT.table, action, written],
    );
    for (const entry of entries.rows) logIds.set(entry.record_id, entry.id);
  }
  await client.query(
    `UPDATE ${BATCH_ITEMS_TABLE} AS item
        SET outcome = result.outcome, trigger_log_id = result.log_id
       FROM unnest($2::int[], $3::text[], $4::bigint[]) AS result(position, outcome, log_id)
      WHERE item.batch_id = $1 AND item.position = result.position`,
    [
      batchId,
      results.map((result) => result.position),
      results.map((result) => result.outcome),
      results.map((result) =>
        result.outcome === 'written' && result.rowId !== null
          ? (logIds.get(result.rowId) ?? null)
          : null,
      ),
    ],
  );
}
