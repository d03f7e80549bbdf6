import { quoteIdentifier } from '../db/identifiers';
import { EXTERNAL_ID_COLUMN, FULL_NAME_COLUMN, optionalColumn } from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';

/**
 * The row's version for optimistic locking: a digest of the editable values the user saw.
 * Unlike xmin it ignores Connect's own status writes (PENDING → UPDATED), so syncing never
 * causes a false conflict; unlike systemmodstamp it also changes when another user saves.
 */
export function versionExpression(mapping: Mapping): string {
  const columns = mapping.fields.map((f) => quoteIdentifier(f.column));
  return `md5(json_build_array(${columns.join(', ')})::text)`;
}

/** Everything a card shows, as toContact() reads it. */
export function contactColumns(mapping: Mapping): string {
  return [
    'id',
    'sfid',
    optionalColumn(mapping, EXTERNAL_ID_COLUMN, 'text', 'external_id'),
    optionalColumn(mapping, FULL_NAME_COLUMN, 'text'),
    optionalColumn(mapping, '_hc_lastop', 'text'),
    optionalColumn(mapping, '_hc_err', 'text'),
    optionalColumn(mapping, 'systemmodstamp', 'timestamp'),
    ...mapping.fields.map((f) => quoteIdentifier(f.column)),
    `${versionExpression(mapping)} AS version`,
  ].join(', ');
}
