import type { Database } from '../db/database';
import { CONTACT_FIELDS, EXTERNAL_ID_COLUMN, REQUIRED_COLUMNS, type ContactField } from './fields';

/** What Connect has mapped for Contact: the app shows and writes only these columns. */
export interface Mapping {
  schema: string;
  tablePresent: boolean;
  columns: ReadonlySet<string>;
  fields: readonly ContactField[];
  missingRequired: readonly string[];
  hasExternalId: boolean;
}

export async function readMapping(db: Database, schema: string): Promise<Mapping> {
  const result = await db.query<{ column_name: string; character_maximum_length: number | null }>(
    `SELECT column_name, character_maximum_length FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = 'contact'`,
    [schema],
  );
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
  };
}

export interface MappingSource {
  current(): Promise<Mapping>;
  forget(): void;
}

/**
 * Caches a usable mapping briefly, since it changes only when an admin edits it in Connect.
 * A missing or incomplete table is re-read on every request, so the app comes alive as soon
 * as Connect creates it.
 */
export function cachedMapping(db: Database, schema: string, ttlMs = 60_000): MappingSource {
  let cached: { mapping: Mapping; until: number } | undefined;
  return {
    async current() {
      if (cached && cached.until > Date.now()) return cached.mapping;
      const mapping = await readMapping(db, schema);
      cached = isUsable(mapping) ? { mapping, until: Date.now() + ttlMs } : undefined;
      return mapping;
    },
    forget() {
      cached = undefined;
    },
  };
}

export function isUsable(mapping: Mapping): boolean {
  return mapping.tablePresent && mapping.missingRequired.length === 0;
}
