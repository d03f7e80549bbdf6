import type { Database } from '../db/database';
import { EXTERNAL_ID_COLUMN, contactTable } from './contactTable';
import { isUsable, type Mapping } from './mapping';

/**
 * Every name a contact goes by (its sfid and External ID), found from any one of them. A record
 * made before Connect gave the contact an sfid knows only its External ID, so a search by sfid
 * needs both. Empty when the contact is not in the table, or Connect has not created it yet.
 */
export async function contactNames(
  db: Database,
  mapping: Mapping,
  name: string,
): Promise<string[]> {
  if (!isUsable(mapping)) return [];
  const externalId = mapping.hasExternalId ? EXTERNAL_ID_COLUMN : null;
  const result = await db.query<{ sfid: string | null; external_id: string | null }>(
    externalId
      ? `SELECT sfid, ${externalId} AS external_id FROM ${contactTable(mapping)}
          WHERE sfid = $1 OR ${externalId} = $1 LIMIT 2`
      : `SELECT sfid, NULL AS external_id FROM ${contactTable(mapping)} WHERE sfid = $1 LIMIT 2`,
    [name],
  );
  return result.rows
    .flatMap((row) => [row.sfid, row.external_id])
    .filter((value): value is string => value !== null && value !== name);
}
