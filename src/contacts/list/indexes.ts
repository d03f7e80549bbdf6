import { CONTACT_TABLE, EXTERNAL_ID_COLUMN, notDeleted } from '../../connect/contactTable';
import { readMapping, type Mapping } from '../../connect/mapping';
import { OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { syncStateSql } from '../../connect/syncState';
import type { Database } from '../../db/database';
import {
  ensureIndexes,
  hasIndexLeadingWith,
  indexSpec,
  trigramOperatorClass,
  type IndexChanges,
  type IndexSpec,
} from '../../db/indexes';
import { quoteIdentifier } from '../../db/identifiers';
import type { ContactVisibility } from '../../records/visibility';
import { canSortByAccount, withoutAccount } from './accountOrder';
import { SORT_KEYS, SYNC_FILTERS, type SortDirection, type SortKey } from './params';
import {
  gramsOf,
  orderBy,
  searchDocument,
  shortTermIndexPredicate,
  sortColumns,
  syncStateOf,
} from './sql';

export interface IndexOptions {
  /** The schema-qualified gin_trgm_ops, or null when pg_trgm is unavailable. */
  trigramOps: string | null;
  /** Whether an index of Connect's already finds a contact by its External ID. */
  externalIdIndexed: boolean;
  /** CONTACT_VISIBILITY, whose `owner` lists every page of one owner's rows. */
  visibility: ContactVisibility;
}

/**
 * The indexes that keep every list, search and card request cheap at a million contacts.
 * Connect owns the table's columns but allows indexes; each one here matches a query's exact
 * expression, sort order and predicate, built from the same functions as the queries.
 */
export function listIndexSpecs(mapping: Mapping, options: IndexOptions): IndexSpec[] {
  const visible = notDeleted(mapping);
  const onlyVisible = visible === 'TRUE' ? '' : ` WHERE ${visible}`;
  const specs: IndexSpec[] = [];
  if (options.trigramOps) {
    specs.push(
      indexSpec(
        'search',
        `USING gin ((${searchDocument(mapping)}) ${options.trigramOps})${onlyVisible}`,
      ),
    );
  }
  // One- and two-character searches (see gramsOf). It needs no extension, so it is always built.
  specs.push(
    indexSpec(
      'search_short',
      `USING gin (${gramsOf(searchDocument(mapping))}) WHERE ${shortTermIndexPredicate(mapping)}`,
    ),
  );
  for (const sort of SORT_KEYS) {
    if (sortColumns(mapping, sort).length === 0) continue;
    for (const dir of ['asc', 'desc'] as const) {
      specs.push(
        indexSpec(`sort_${sort}_${dir}`, `(${orderBy(mapping, sort, dir)})${onlyVisible}`),
      );
    }
  }
  if (mapping.columns.has('_hc_lastop')) {
    // Failed and pending rows are few: a small index finds them, counts them for the header
    // and lists them by name, whatever their number among a million synced rows.
    const states = SYNC_FILTERS.map((filter) => syncStateSql(syncStateOf(filter))).join(', ');
    specs.push(
      indexSpec(
        'sync_state',
        `(_hc_lastop, ${orderBy(mapping, 'name', 'asc')}) WHERE _hc_lastop IN (${states})`,
      ),
    );
  }
  if (canSortByAccount(mapping)) {
    // The sort by account ends with the contacts that have none (accountOrder.ts).
    specs.push(
      indexSpec(
        'sort_account_none',
        `(${orderBy(mapping, 'name', 'asc')}) WHERE ${withoutAccount(mapping)} AND ${visible}`,
      ),
    );
  }
  if (mapping.owners) {
    // "My contacts": one owner's rows in name order, read from the index alone. Restricted to
    // their own rows (CONTACT_VISIBILITY=owner), people sort them every way the list can.
    specs.push(
      indexSpec(
        'owner_name',
        `(${OWNER_ID_COLUMN}, ${orderBy(mapping, 'name', 'asc')})${onlyVisible}`,
      ),
    );
    if (options.visibility === 'owner') {
      for (const [sort, dir] of otherSorts(mapping)) {
        specs.push(
          indexSpec(
            `owner_${sort}_${dir}`,
            `(${OWNER_ID_COLUMN}, ${orderBy(mapping, sort, dir)})${onlyVisible}`,
          ),
        );
      }
    }
  }
  if (mapping.hasExternalId && !options.externalIdIndexed) {
    // Cards of contacts not yet synced are found by External ID.
    specs.push(indexSpec('external_id', `(${quoteIdentifier(EXTERNAL_ID_COLUMN)})`));
  }
  return specs;
}

/** Every sort the list offers on this mapping, each direction apart (see orderBy), but name ascending. */
function otherSorts(mapping: Mapping): [SortKey, SortDirection][] {
  const sorts = SORT_KEYS.filter((sort) => sortColumns(mapping, sort).length > 0);
  return sorts
    .flatMap((sort): [SortKey, SortDirection][] => [
      [sort, 'asc'],
      [sort, 'desc'],
    ])
    .filter(([sort, dir]) => sort !== 'name' || dir !== 'asc');
}

/**
 * Creates or repairs the list's indexes; null when Connect has not created the table yet
 * (the first deploy), so there is nothing to index. `log` gets one summary line; `detail` each
 * index created or dropped, which a release log keeps and a developer's terminal does not need.
 */
export async function ensureListIndexes(
  db: Database,
  schema: string,
  log: (message: string) => void,
  detail: (message: string) => void = log,
  { visibility }: { visibility: ContactVisibility } = { visibility: 'all' },
): Promise<IndexChanges | null> {
  const mapping = await readMapping(db, schema);
  if (!mapping.tablePresent) {
    log(`No ${schema}.${CONTACT_TABLE} table yet: no indexes to create.`);
    return null;
  }
  const table = { schema, name: CONTACT_TABLE };
  // The session's settings must not go back to the pool.
  return db.withClient(
    async (client) => {
      // Building an index over a million rows takes longer than any request may.
      await client.query('SET statement_timeout = 0');
      const trigramOps = await trigramOperatorClass(client);
      if (!trigramOps) log('pg_trgm is not available: searches will scan the table.');
      const externalIdIndexed =
        mapping.hasExternalId && (await hasIndexLeadingWith(client, table, EXTERNAL_ID_COLUMN));
      const specs = listIndexSpecs(mapping, { trigramOps, externalIdIndexed, visibility });
      const started = performance.now();
      const changes = await ensureIndexes(client, table, specs, detail);
      log(
        `Contact indexes ready: ${indexSummary(changes, specs.length, performance.now() - started)}.`,
      );
      return changes;
    },
    { discardAfter: true },
  );
}

/** "all 14 present", or "14 built in 4.2 s", "2 built, 1 dropped in 0.8 s; 14 in use". */
function indexSummary(changes: IndexChanges, inUse: number, elapsedMs: number): string {
  const { created, dropped } = changes;
  if (created.length === 0 && dropped.length === 0) return `all ${inUse} present`;
  const done = [
    `${created.length} built`,
    ...(dropped.length > 0 ? [`${dropped.length} dropped`] : []),
  ];
  const took = `${done.join(', ')} in ${(elapsedMs / 1000).toFixed(1)} s`;
  return created.length === inUse && dropped.length === 0 ? took : `${took}; ${inUse} in use`;
}
