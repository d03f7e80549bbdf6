import type { Database } from '../db/database';
import { CONTACT_FIELDS, type ContactField } from './contactFields';
import {
  CONTACT_TABLE,
  EXTERNAL_ID_COLUMN,
  REQUIRED_COLUMNS,
  type MappedTable,
} from './contactTable';
import { triggerLogPresent } from './triggerLog';

/** What Connect has mapped for Contact: the app shows and writes only these columns. */
export interface Mapping extends MappedTable {
  tablePresent: boolean;
  fields: readonly ContactField[];
  missingRequired: readonly string[];
  /** Whether Connect's trigger log exists, so the write history can be read. */
  triggerLog: boolean;
}

/** Connect creates only the mapped columns, so `information_schema` says what is mapped. */
export async function readMapping(db: Database, schema: string): Promise<Mapping> {
  // The trigger log is looked for here, so a request asks only when the mapping is re-read.
  const [result, triggerLog] = await Promise.all([
    db.query<{ column_name: string; character_maximum_length: number | null }>(
      `SELECT column_name, character_maximum_length FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2`,
      [schema, CONTACT_TABLE],
    ),
    triggerLogPresent(db, schema),
  ]);
  const lengths = new Map(
    result.rows.map((row) => [row.column_name, row.character_maximum_length]),
  );
  const columns = new Set(lengths.keys());
  return {
    schema,
    tablePresent: columns.size > 0,
    columns,
    fields: CONTACT_FIELDS.filter((f) => columns.has(f.column)).map((f) =>
      // A column narrower than Salesforce's limit would reject the write; honour the stricter one.
      ({ ...f, maxLength: Math.min(f.maxLength, lengths.get(f.column) ?? f.maxLength) }),
    ),
    missingRequired: REQUIRED_COLUMNS.filter((c) => !columns.has(c)),
    hasExternalId: columns.has(EXTERNAL_ID_COLUMN),
    triggerLog,
  };
}

/** Whether the app can show contacts: the table exists with every column it needs. */
export function isUsable(mapping: Mapping): boolean {
  return mapping.tablePresent && mapping.missingRequired.length === 0;
}
