import type { KeyLookup } from '../../connect/contactKey';
import { EXTERNAL_ID_COLUMN, notDeleted } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import { quoteIdentifier } from '../../db/identifiers';
import { BATCH_ITEMS_TABLE } from '../../records/batches';
import { accountNameColumn, canSortByAccount } from '../list/accountOrder';
import type { ListQuery } from '../list/params';
import { matchCondition, pageSql } from '../list/queries';
import { conditions, type Narrowing } from '../list/sql';
import { snapshotSql } from './snapshotColumns';

/** Which contacts to put in a batch: the checked rows, or every row the list's query matches. */
export type Choice = { kind: 'keys'; keys: KeyLookup[] } | { kind: 'all' };

/**
 * One INSERT … SELECT that copies the chosen contacts into the batch, in the list's order, each
 * with its key and its snapshot: however many rows, one statement. It stops one row past
 * `limit`, so that the caller can tell "too many" from "exactly the limit" and roll back.
 * Checked keys are looked for among the rows the request may see, so a key of a deleted or
 * another owner's contact is simply not chosen.
 */
export function insertChosenRows(
  mapping: Mapping,
  list: { query: ListQuery; narrowing: Narrowing },
  scope: OwnerScope,
  choice: Choice,
  batch: { id: string; limit: number },
): { text: string; params: unknown[] } {
  const sql = pageSql(mapping, list.query);
  const where = conditions(mapping, list.query, list.narrowing);
  // Checked rows are chosen by key alone, so the list's filters and their parameters stay out.
  const params = choice.kind === 'all' ? [...where.params] : [];
  const param = appendParam(params);
  const chosen =
    choice.kind === 'all'
      ? matchCondition(sql, where)
      : [
          notDeleted(mapping),
          ownedBy(scope, param, 'contact'),
          keysCondition(mapping, choice.keys, param),
        ].join(' AND ');
  // The sort by account orders by a computed name, which the inner select names as it does.
  const accountName =
    list.query.sort === 'account' && canSortByAccount(mapping)
      ? `, ${accountNameColumn(mapping, 'contact')}`
      : '';
  const key = `coalesce(contact.sfid, ${
    mapping.hasExternalId ? `contact.${quoteIdentifier(EXTERNAL_ID_COLUMN)}, ` : ''
  }'row-' || contact.id)`;
  // The rows are found, in order, up to one past the limit (from the sort's index when nothing
  // narrows the list) before any snapshot is built, so an over-broad choice costs no more.
  const text = `INSERT INTO ${BATCH_ITEMS_TABLE}
                  (batch_id, position, contact_row_id, contact_key, snapshot)
                SELECT ${param(batch.id)}::uuid, row_number() OVER (ORDER BY ${sql.order}),
                       contact.id, ${key}, ${snapshotSql(mapping, 'contact')}
                  FROM (SELECT contact.*${accountName}
                          FROM ${sql.table} AS contact WHERE ${chosen}
                         ORDER BY ${sql.order}
                         LIMIT ${param(String(batch.limit + 1))}::int) AS contact`;
  return { text, params };
}

function keysCondition(
  mapping: Mapping,
  keys: KeyLookup[],
  param: (value: string) => string,
): string {
  const identifiers = keys.flatMap((key) => (key.by === 'identifier' ? [key.value] : []));
  const ids = keys.flatMap((key) => (key.by === 'id' ? [key.value] : []));
  const list = param(JSON.stringify(identifiers));
  const arms = [
    `sfid IN (SELECT jsonb_array_elements_text(${list}::jsonb))`,
    `id IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(ids))}::jsonb)::int)`,
  ];
  if (mapping.hasExternalId) {
    arms.push(
      `${quoteIdentifier(EXTERNAL_ID_COLUMN)} IN (SELECT jsonb_array_elements_text(${list}::jsonb))`,
    );
  }
  return `(${arms.join(' OR ')})`;
}
