import type { Mapping } from '../../connect/mapping';
import { ALL_RECORDS, type OwnerScope } from '../../connect/ownerScope';
import type { Database } from '../../db/database';
import type { CappedCounts } from '../../db/cappedCounts';
import { listContacts, type ContactPage } from './listContacts';
import type { ListQuery } from './params';
import type { Narrowing } from './sql';
import { syncCountColumns, syncSummary, syncSummaryIn, type SyncSummary } from './syncSummary';

/**
 * What a list page shows: its contacts, and the header's sync counts carried by the same
 * statement, so the page costs one round trip; only a page with no row to carry them, or one
 * restricted to an owner's records, asks apart.
 */
export async function listPage(
  db: Database,
  cappedCounts: CappedCounts,
  mapping: Mapping,
  query: ListQuery,
  narrowing: Narrowing,
  { scope }: { scope: OwnerScope },
): Promise<{ page: ContactPage; summary: SyncSummary | null }> {
  // Counts within an owner scope need its parameter, which the page's statements do not carry.
  const counts = scope === ALL_RECORDS ? syncCountColumns(mapping) : '';
  const page = await listContacts(db, cappedCounts, mapping, query, counts, narrowing);
  const summary = syncSummaryIn(page.alsoSelected) ?? (await syncSummary(db, mapping, scope));
  return { page, summary };
}
