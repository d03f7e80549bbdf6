import { quoteIdentifier } from '../db/identifiers';
import { EXTERNAL_ID_COLUMN, FULL_NAME_COLUMN, optionalColumn } from '../connect/contactTable';
import type { Mapping } from '../connect/mapping';

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
  ].join(', ');
}
