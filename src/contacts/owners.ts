import type { Mapping } from '../connect/mapping';
import { objectTable, USER_OBJECT } from '../connect/mappedObject';
import type { Database } from '../db/database';

/** A user who can own records, as the card's Owner menu offers them. */
export interface OwnerChoice {
  id: string;
  name: string;
}

/**
 * The menu lists at most this many users. An org with more active users than this gets the
 * first ones by name; the menu says so. (A searchable picker is the next step if one does.)
 */
export const MAX_OWNER_CHOICES = 500;

/** Editors can reassign a contact only when OwnerId is mapped and User is, to name the choices. */
export function canReassign(mapping: Mapping): boolean {
  return mapping.owners && mapping.userNames;
}

/** Salesforce refuses an inactive owner ("owner is inactive"), so only active users are offered. */
function activeOnly(mapping: Mapping): string {
  return mapping.userColumns.has('isactive') ? 'isactive IS NOT FALSE' : 'TRUE';
}

/**
 * The users an editor may choose as owner, by name, as a JSON array: an expression for the
 * card's own statement, so the card still costs one round trip.
 */
export function ownerChoicesJson(mapping: Mapping): string {
  return `(SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id)
             FROM (SELECT sfid AS id, coalesce(name, sfid) AS name
                     FROM ${objectTable(USER_OBJECT, mapping.schema)}
                    WHERE sfid IS NOT NULL AND ${activeOnly(mapping)}
                    ORDER BY name, sfid LIMIT ${MAX_OWNER_CHOICES}) AS u)`;
}

/** The same choices on their own, for a card re-shown after a failed save. */
export async function ownerChoices(
  db: Pick<Database, 'query'>,
  mapping: Mapping,
): Promise<OwnerChoice[]> {
  if (!canReassign(mapping)) return [];
  const result = await db.query<{ choices: OwnerChoice[] | null }>(
    `SELECT ${ownerChoicesJson(mapping)} AS choices`,
  );
  return result.rows[0]?.choices ?? [];
}

/** The user with this id, if they may own records now; null otherwise. */
export async function activeOwner(
  db: Pick<Database, 'query'>,
  mapping: Mapping,
  id: string,
): Promise<OwnerChoice | null> {
  if (!canReassign(mapping)) return null;
  const result = await db.query<{ id: string; name: string | null }>(
    `SELECT sfid AS id, name FROM ${objectTable(USER_OBJECT, mapping.schema)}
      WHERE sfid = $1 AND ${activeOnly(mapping)} LIMIT 1`,
    [id],
  );
  const row = result.rows[0];
  return row ? { id: row.id, name: row.name ?? row.id } : null;
}
