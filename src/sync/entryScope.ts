import { writtenObjects, type Mapping } from '../connect/mapping';
import { objectTable } from '../connect/mappedObject';
import { ownedBy, type OwnerScope } from '../connect/ownerScope';
import { forObject } from '../connect/triggerLog';

/**
 * Whether the record a trigger-log entry (SQL naming it: `entry`) wrote lies within the owner
 * scope, as SQL. The log keeps no owner, so the record's row says; an entry whose row is gone
 * cannot be placed, so it is outside every scope but ALL_RECORDS.
 */
export function entryInScope(
  mapping: Pick<Mapping, 'schema' | 'account'>,
  entry: string,
  scope: OwnerScope,
  param: (value: string) => string,
): string {
  if (scope === null) return 'TRUE';
  const owner = param(scope);
  const arms = writtenObjects(mapping).map(
    (object) =>
      `EXISTS (SELECT 1 FROM ${objectTable(object, mapping.schema)} AS owned
                WHERE ${entry}.${forObject(object)} AND owned.id = ${entry}.record_id
                  AND ${ownedBy(scope, () => owner, 'owned')})`,
  );
  return `(${arms.join(' OR ')})`;
}
