import { createHash } from 'node:crypto';
import type { Queryable } from './database';
import { quoteIdentifier } from './identifiers';

/** Every index the app creates starts with this, so the app can tell its own from Connect's. */
export const APP_INDEX_PREFIX = 'contact_card_';

export interface IndexSpec {
  name: string;
  /** Everything after `ON table`: method, keys and predicate. */
  definition: string;
}

export interface IndexChanges {
  created: string[];
  dropped: string[];
}

/**
 * The name carries a digest of the definition: when a query's shape changes (or Connect's
 * mapping adds a column), the new index gets a new name and the old one is dropped, instead of
 * IF NOT EXISTS keeping a stale index under the old name.
 */
export function indexSpec(purpose: string, definition: string, owner?: string): IndexSpec {
  const digest = createHash('sha256').update(definition).digest('hex').slice(0, 8);
  const owned = owner === undefined ? '' : `${owner}${OWNER_SEPARATOR}`;
  return { name: `${APP_INDEX_PREFIX}${owned}${purpose}_${digest}`, definition };
}

// Purposes are words joined by single underscores, so a double one can only follow an owner.
const OWNER_SEPARATOR = '__';

/**
 * Whether a build for `owner` manages an app index. A table's own feature builds without an
 * owner; another feature's indexes on it (the accounts' on contact) name their owner, so
 * neither build drops the other's as "no longer used".
 */
function ownedBy(name: string, owner: string | undefined): boolean {
  const rest = name.slice(APP_INDEX_PREFIX.length);
  return owner === undefined
    ? !rest.includes(OWNER_SEPARATOR)
    : rest.startsWith(`${owner}${OWNER_SEPARATOR}`);
}

/**
 * The trigram operator class, schema-qualified, creating pg_trgm when it is missing; null
 * when the database does not offer it. Heroku Postgres installs extensions into `heroku_ext`,
 * which may not be on the search path.
 */
export async function trigramOperatorClass(client: Queryable): Promise<string | null> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').catch(() => undefined);
  const result = await client.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_opclass o
       JOIN pg_namespace n ON n.oid = o.opcnamespace JOIN pg_am a ON a.oid = o.opcmethod
      WHERE o.opcname = 'gin_trgm_ops' AND a.amname = 'gin' LIMIT 1`,
  );
  const schema = result.rows[0]?.schema;
  return schema ? `${quoteIdentifier(schema)}.gin_trgm_ops` : null;
}

/**
 * Makes the app's indexes on a table (those `owner` manages: see ownedBy) exactly `wanted`,
 * without blocking writes (Connect keeps syncing meanwhile). Safe to run again, and by two processes at once: an advisory lock makes
 * the second wait and then find nothing to do. An index left INVALID by an interrupted
 * CONCURRENTLY build is dropped and built again. Run on a client without a statement timeout:
 * building an index over a million rows takes minutes.
 */
export async function ensureIndexes(
  client: Queryable,
  table: { schema: string; name: string },
  wanted: IndexSpec[],
  log: (message: string) => void,
  owner?: string,
): Promise<IndexChanges> {
  const qualifiedTable = `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
  const lockKey = `contact-card:indexes:${table.schema}.${table.name}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
  try {
    const existing = new Map(
      [...(await appIndexes(client, qualifiedTable))].filter(([name]) => ownedBy(name, owner)),
    );
    const wantedNames = new Set(wanted.map((spec) => spec.name));
    const dropped: string[] = [];
    for (const [name, valid] of existing) {
      if (valid && wantedNames.has(name)) continue;
      log(
        `Dropping index ${name} (${valid ? 'no longer used' : 'left invalid by a failed build'})`,
      );
      await client.query(
        `DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(table.schema)}.${quoteIdentifier(name)}`,
      );
      dropped.push(name);
    }
    const created: string[] = [];
    for (const spec of wanted) {
      if (existing.get(spec.name) === true) continue;
      log(`Creating index ${spec.name}`);
      await client.query(
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdentifier(spec.name)}
           ON ${qualifiedTable} ${spec.definition}`,
      );
      created.push(spec.name);
    }
    // Statistics on the new expression indexes tell the planner how selective a search is.
    if (created.length > 0) await client.query(`ANALYZE ${qualifiedTable}`);
    return { created, dropped };
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
  }
}

/**
 * Drops the app's indexes on a table, for a bulk load into a development database: building
 * an index once afterwards is far faster than updating a dozen of them row by row.
 */
export async function dropAppIndexes(
  client: Queryable,
  table: { schema: string; name: string },
): Promise<string[]> {
  const existing = await appIndexes(
    client,
    `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`,
  );
  for (const name of existing.keys()) {
    await client.query(
      `DROP INDEX IF EXISTS ${quoteIdentifier(table.schema)}.${quoteIdentifier(name)}`,
    );
  }
  return [...existing.keys()];
}

/** The app's indexes on the table, by name, with whether each is valid. */
async function appIndexes(client: Queryable, table: string): Promise<Map<string, boolean>> {
  const result = await client.query<{ name: string; valid: boolean }>(
    `SELECT c.relname AS name, i.indisvalid AS valid
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND starts_with(c.relname, $2)`,
    [table, APP_INDEX_PREFIX],
  );
  return new Map(result.rows.map((row) => [row.name, row.valid]));
}

/** Whether some index (the app's or Connect's) already leads with this column. */
export async function hasIndexLeadingWith(
  client: Queryable,
  table: { schema: string; name: string },
  column: string,
): Promise<boolean> {
  const result = await client.query(
    `SELECT 1 FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      WHERE i.indrelid = $1::regclass AND a.attname = $2 AND i.indisvalid
        AND NOT starts_with(c.relname, $3)`,
    [`${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`, column, APP_INDEX_PREFIX],
  );
  return result.rowCount !== 0;
}
