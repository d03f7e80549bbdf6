import pg from 'pg';
import { SYSTEM_COLUMNS } from '../connect/contactTable';

/**
 * Connect's system columns as a SQL array. A write that changes only these is not the app's
 * change, so it is neither marked PENDING nor captured in the trigger log.
 */
export const SYSTEM_COLUMNS_SQL = `ARRAY[${SYSTEM_COLUMNS.map((c) => pg.escapeLiteral(c)).join(', ')}]::text[]`;

/**
 * SET clause for what Salesforce does on every accepted save: a newer systemmodstamp (UTC, as
 * Connect stores it, and strictly later even within one clock tick).
 */
export const NEW_SYSTEMMODSTAMP = `systemmodstamp = GREATEST(timezone('utc', clock_timestamp()),
                                    systemmodstamp + interval '1 millisecond')`;

/**
 * SET clause for an accepted Contact save: NEW_SYSTEMMODSTAMP and a recomputed Full Name.
 * `firstname` and `lastname` are the SQL for the values after the save.
 */
export function salesforceSaveAssignments(firstname = 'firstname', lastname = 'lastname'): string {
  return `${NEW_SYSTEMMODSTAMP},
          name = concat_ws(' ', NULLIF(${firstname}, ''), ${lastname})`;
}
