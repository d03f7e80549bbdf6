import {
  CONTACT_TABLE,
  contactTable,
  FULL_NAME_COLUMN,
  SYSTEM_COLUMNS,
} from '../connect/contactTable';
import { syncStateSql } from '../connect/syncState';
import type { Database } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { asConnect } from '../dev/connectWrites';
import { salesforceSaveAssignments } from './salesforceColumns';

export class UnknownFieldError extends Error {}

export type SalesforceValues = Record<string, string | null>;

/**
 * Changes a contact as if someone had edited it in Salesforce and Connect had synced it down:
 * the fields change, `_hc_lastop` becomes SYNCED and systemmodstamp moves on. It is written
 * as Connect, so it is not captured and not sent back. Returns false when no row has the sfid.
 */
export async function changeFromSalesforce(
  db: Database,
  schema: string,
  sfid: string,
  values: SalesforceValues,
): Promise<boolean> {
  const columns = Object.keys(values);
  if (columns.length === 0) throw new UnknownFieldError('Give at least one field to change.');
  const known = await salesforceFields(db, schema);
  const unknown = columns.filter((column) => !known.has(column));
  if (unknown.length > 0) {
    throw new UnknownFieldError(
      `Salesforce has no writable field ${unknown.join(', ')} in this mapping. Fields: ${[...known].sort().join(', ')}.`,
    );
  }
  // Every parameter is text, so it reads the same as a field value and inside Full Name.
  const parameter = (index: number) => `$${index + 2}::text`;
  const after = (column: string) => {
    const index = columns.indexOf(column);
    return index >= 0 ? parameter(index) : quoteIdentifier(column);
  };
  const assignments = columns.map((column, i) => `${quoteIdentifier(column)} = ${parameter(i)}`);
  return asConnect(db, async (client) => {
    const result = await client.query(
      `UPDATE ${contactTable({ schema })}
          SET ${assignments.join(', ')}, _hc_lastop = ${syncStateSql('SYNCED')}, _hc_err = NULL,
              -- Full Name is recomputed from the values after the change, as Salesforce does.
              ${salesforceSaveAssignments(after('firstname'), after('lastname'))}
        WHERE sfid = $1`,
      [sfid, ...columns.map((column) => values[column])],
    );
    return result.rowCount === 1;
  });
}

async function salesforceFields(db: Database, schema: string): Promise<Set<string>> {
  const result = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2
        AND column_name <> ALL($3::text[]) AND column_name <> $4`,
    [schema, CONTACT_TABLE, SYSTEM_COLUMNS, FULL_NAME_COLUMN],
  );
  return new Set(result.rows.map((row) => row.column_name));
}
