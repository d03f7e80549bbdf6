import { qualified, quoteIdentifier } from '../db/identifiers';
import type { KeyLookup } from './contactKey';
import { EXTERNAL_ID_COLUMN } from './fields';
import type { Mapping } from './mapping';

/** SQL fragments built from the mapping's allow-list of columns; input never becomes SQL. */
export function contactTable(mapping: Mapping): string {
  return qualified(mapping.schema, 'contact');
}

export function optionalColumn(mapping: Mapping, column: string, type: string, alias = column) {
  const source = mapping.columns.has(column) ? quoteIdentifier(column) : `NULL::${type}`;
  return `${source} AS ${quoteIdentifier(alias)}`;
}

/**
 * The row's version for optimistic locking: a digest of the editable values the user saw.
 * Unlike xmin it ignores Connect's own status writes (PENDING → UPDATED), so syncing never
 * causes a false conflict; unlike systemmodstamp it also changes when another user saves.
 */
export function versionExpression(mapping: Mapping): string {
  const columns = mapping.fields.map((f) => quoteIdentifier(f.column));
  return `md5(json_build_array(${columns.join(', ')})::text)`;
}

export function contactColumns(mapping: Mapping): string {
  return [
    'id',
    'sfid',
    optionalColumn(mapping, EXTERNAL_ID_COLUMN, 'text', 'external_id'),
    optionalColumn(mapping, 'name', 'text'),
    optionalColumn(mapping, '_hc_lastop', 'text'),
    optionalColumn(mapping, '_hc_err', 'text'),
    optionalColumn(mapping, 'systemmodstamp', 'timestamp'),
    ...mapping.fields.map((f) => quoteIdentifier(f.column)),
    `${versionExpression(mapping)} AS version`,
  ].join(', ');
}

/** WHERE clause finding one contact by its URL key; `$1` is the key's value. */
export function keyCondition(mapping: Mapping, lookup: KeyLookup): string {
  if (lookup.by === 'id') return 'id = $1';
  return mapping.hasExternalId
    ? `(sfid = $1 OR ${quoteIdentifier(EXTERNAL_ID_COLUMN)} = $1)`
    : 'sfid = $1';
}

export function notDeleted(mapping: Mapping): string {
  return mapping.columns.has('isdeleted') ? 'isdeleted IS NOT TRUE' : 'TRUE';
}
