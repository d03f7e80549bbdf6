import type { Database } from '../db/database';
import { parseKey } from './contactKey';
import { contactTable, EXTERNAL_ID_COLUMN, keyCondition, optionalColumn } from './contactTable';
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
  const lookup = parseKey(name);
  if (!lookup || !isUsable(mapping)) return [];
  const result = await db.query<{ sfid: string | null; external_id: string | null }>(
    `SELECT sfid, ${optionalColumn(mapping, EXTERNAL_ID_COLUMN, 'text', 'external_id')}
       FROM ${contactTable(mapping)} WHERE ${keyCondition(mapping, lookup)} LIMIT 2`,
    [lookup.value],
  );
  return result.rows
    .flatMap((row) => [row.sfid, row.external_id])
    .filter((value): value is string => value !== null && value !== name);
}
