import type { Queryable } from '../db/database';
import { AUDIT_COLUMN_LIST, AUDIT_COLUMNS, auditRow, type AuditEntry } from './auditEntry';
import { AUDIT_TABLE } from './auditTable';

/**
 * Writes many entries in one statement, as recordAudit writes one: a bulk action records an
 * entry per row it changed, and a statement per row would cost a round trip each. Each column
 * travels as one array parameter, so the statement's size does not grow with the entries.
 */
export async function recordAuditEntries(
  client: Queryable,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(auditRow);
  const columns = AUDIT_COLUMNS.map((_, i) => rows.map((row) => row[i]));
  // jsonb and uuid arrays travel as text; each value is cast back as it is selected.
  const arrays = AUDIT_COLUMNS.map(([, type], i) => `$${i + 1}::${arrayType(type)}[]`);
  const values = AUDIT_COLUMNS.map(([name, type]) => `${name}::${type}`);
  await client.query(
    `INSERT INTO ${AUDIT_TABLE} (${AUDIT_COLUMN_LIST})
     SELECT ${values.join(', ')}
       FROM unnest(${arrays.join(', ')}) AS entry(${AUDIT_COLUMN_LIST})`,
    columns,
  );
}

function arrayType(type: string): string {
  return type === 'bigint' ? 'bigint' : 'text';
}
