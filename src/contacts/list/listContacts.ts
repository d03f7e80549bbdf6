import { keyOf } from '../../connect/contactKey';
import { nameParts } from '../../connect/contactName';
import type { Mapping } from '../../connect/mapping';
import { toSyncState, type SyncState } from '../../connect/syncState';
import type { Database } from '../../db/database';
import {
  toContactAccount,
  toContactOwner,
  type ContactAccount,
  type ContactOwner,
} from '../relatedRecords';
import type { CappedCounts } from '../../db/cappedCounts';
import { ROW_CAP, type ListQuery } from './params';
import {
  countAndPage,
  countUpTo,
  matchCondition,
  pageSql,
  rowsInOrder,
  type AlsoSelected,
  type SummaryRow,
} from './queries';
import { conditions, NOT_NARROWED, type Narrowing } from './sql';

export interface ContactSummary {
  key: string;
  /** Shown each part isolated (views/partials/name.ejs). */
  nameParts: string[];
  title: string;
  email: string;
  phone: string;
  syncState: SyncState | null;
  account: ContactAccount | null;
  owner: ContactOwner | null;
}

export interface ContactPage {
  contacts: ContactSummary[];
  total: number;
  totalIsCapped: boolean;
  /** The first row of the statement that returned the page, with `alsoSelect`'s columns. */
  alsoSelected: AlsoSelected | null;
}

/**
 * Every page costs about the same at a thousand contacts and at a million:
 * - Without a search, rows come from the b-tree index matching the sort (indexes.ts), and
 *   only the ids of skipped rows are read, from the index alone.
 * - With a search (or a sync filter), up to ROW_CAP + 1 matches are collected once, through
 *   the trigram index, or the grams index for one or two characters (see gramsOf); when that
 *   is all of them, the same query sorts them and returns the count, so a rare search costs
 *   as little as its matches, whatever its length.
 * - A search with more matches than that is known to be common. Its rows are looked for among
 *   the first rows in sort order, which holds them unless they cluster far down the order
 *   (say, "Young" sorted by name); then every match is sorted, which costs what it must.
 * Offsets stop at ROW_CAP, so no request walks further into an index than that.
 */
export async function listContacts(
  db: Database,
  counts: CappedCounts,
  mapping: Mapping,
  query: ListQuery,
  alsoSelect = '',
  narrowing: Narrowing = NOT_NARROWED,
): Promise<ContactPage> {
  const where = conditions(mapping, query, narrowing);
  const sql = pageSql(mapping, query, alsoSelect);
  const pageable = sql.offset < ROW_CAP;
  const countKey = JSON.stringify([mapping.schema, query.q, query.sync, narrowing]);
  const narrowed = where.params.length > 0;

  if (narrowed && !counts.isCapped(countKey)) {
    const first = await countAndPage(db, sql, matchCondition(sql, where), where.params);
    if (first.total <= ROW_CAP) return page(first.rows, first.total, first.alsoSelected);
    counts.remember(countKey);
  }
  const [rows, total] = await Promise.all([
    pageable ? rowsInOrder(db, sql, where) : [],
    narrowed || counts.isCapped(countKey)
      ? ROW_CAP + 1
      : countUpTo(db, sql.table, where.shown, where.params),
  ]);
  if (total > ROW_CAP) counts.remember(countKey);
  return page(rows, total, rows[0] ?? null);
}

function page(rows: SummaryRow[], total: number, alsoSelected: AlsoSelected | null): ContactPage {
  return {
    contacts: rows.map(toSummary),
    total: Math.min(total, ROW_CAP),
    totalIsCapped: total > ROW_CAP,
    alsoSelected,
  };
}

function toSummary(row: SummaryRow): ContactSummary {
  return {
    key: keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id }),
    nameParts: nameParts(
      { firstname: row.firstname ?? '', lastname: row.lastname ?? '' },
      row.name,
    ),
    title: row.title ?? '',
    email: row.email ?? '',
    phone: row.phone ?? '',
    syncState: toSyncState(row._hc_lastop),
    account: toContactAccount(row.account),
    owner: toContactOwner(row),
  };
}
