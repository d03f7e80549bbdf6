import { CONTACT_FIELDS } from './contactFields';
import {
  EXTERNAL_ID_COLUMN,
  FULL_NAME_COLUMN,
  SYSTEM_COLUMNS,
  type MappedTable,
} from './contactTable';

/**
 * Why AUDIT_SALESFORCE_FIELD cannot take the editor's username: its column is not in the table
 * (not mapped in Connect), or it is one the app or Salesforce already fills, whose value a
 * username would overwrite.
 */
export type WriteBackProblem = 'not_mapped' | 'taken';

const TAKEN: ReadonlySet<string> = new Set([
  ...SYSTEM_COLUMNS,
  FULL_NAME_COLUMN,
  EXTERNAL_ID_COLUMN,
  ...CONTACT_FIELDS.map((field) => field.column),
]);

/** Null when every change can write the username to `column`. */
export function writeBackProblem(
  mapping: Pick<MappedTable, 'columns'>,
  column: string,
): WriteBackProblem | null {
  if (TAKEN.has(column)) return 'taken';
  return mapping.columns.has(column) ? null : 'not_mapped';
}
