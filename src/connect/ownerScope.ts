import { OWNER_ID_COLUMN } from './mappedObject';

/**
 * The records one request may see: every row (null), or only those whose OwnerId is this
 * Salesforce user id. records/visibility.ts decides it; every query on Contact or Account
 * applies it through ownedBy, so all of them agree on what "visible" means.
 */
export type OwnerScope = string | null;

/** The scope of CONTACT_VISIBILITY=all, and of an admin. */
export const ALL_RECORDS: OwnerScope = null;

/**
 * The condition that keeps a statement to the scope's rows: `TRUE` for every row, else OwnerId
 * compared with a parameter that `param` adds. `row` is the alias the table has, if any.
 */
export function ownedBy(
  scope: OwnerScope,
  param: (value: string) => string,
  row: string | null = null,
): string {
  if (scope === null) return 'TRUE';
  return `${row === null ? '' : `${row}.`}${OWNER_ID_COLUMN} = ${param(scope)}`;
}

/** A `param` for ownedBy that appends to a statement's parameter list. */
export function appendParam(params: unknown[]): (value: string) => string {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}
