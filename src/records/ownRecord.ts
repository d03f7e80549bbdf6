import type { QueryResultRow } from 'pg';
import type { Database } from '../db/database';
import { hasRole, type SignedInUser } from '../web/signedInUser';

/** A pool, or a client inside a transaction: both read a record the same way. */
export type Reader = Pick<Database, 'query'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The rule for the app's own records that one user makes (a batch, an import): only its maker,
 * or an admin, may see it by its id. Anyone else gets undefined, as for a record that does not
 * exist, so ids do not leak; a malformed id never reaches the database. `statement` selects the
 * record whose id is `$1` and keeps it only where `madeByOrAdmin(its user_id column)` holds.
 */
export async function findOwnRecord<Row extends QueryResultRow>(
  db: Reader,
  statement: string,
  id: string,
  user: SignedInUser,
): Promise<Row | undefined> {
  if (!UUID.test(id)) return undefined;
  const result = await db.query<Row>(statement, [id, user.id, hasRole(user, 'admin')]);
  return result.rows[0];
}

/** The condition findOwnRecord's parameters fill: made by this user, or this user is an admin. */
export function madeByOrAdmin(userIdColumn: string): string {
  return `(${userIdColumn} = $2 OR $3)`;
}
