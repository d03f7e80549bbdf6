import pg from 'pg';

/** A schema-qualified table name. Identifiers come from config or allow-lists, never from input. */
export function qualified(schema: string, table: string): string {
  return `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
}

export const quoteIdentifier = (name: string): string => pg.escapeIdentifier(name);
