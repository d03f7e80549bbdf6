import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { quoteIdentifier } from '../../db/identifiers';

/**
 * The columns a batch item's snapshot holds: the contact's mapped fields, and the account link
 * and owner columns when mapped. Applying compares a row with them, so a row someone changed
 * since it was chosen is skipped rather than overwritten.
 */
export function snapshotColumns(mapping: Mapping): string[] {
  const links = [ACCOUNT_ID_COLUMN, mapping.accountRelationship, OWNER_ID_COLUMN].filter(
    (column): column is string => column !== null && mapping.columns.has(column),
  );
  return [...mapping.fields.map((field) => field.column), ...links];
}

/** The snapshot of the contact row `row` as a jsonb object, each value as text or null. */
export function snapshotSql(mapping: Mapping, row: string): string {
  const pairs = snapshotColumns(mapping).map(
    (column) => `'${column}', ${row}.${quoteIdentifier(column)}::text`,
  );
  return `jsonb_build_object(${pairs.join(', ')})`;
}
