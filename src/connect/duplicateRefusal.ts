import type { Database } from '../db/database';
import { twinsOf, type LikelyDuplicate } from './duplicateContacts';
import type { Mapping } from './mapping';
import type { OwnerScope } from './ownerScope';

/** Salesforce's status code when a blocking duplicate rule refuses a save. */
const DUPLICATES_DETECTED = 'DUPLICATES_DETECTED';

/**
 * A write Salesforce's duplicate rule refused, with the contact it most likely matched: the
 * first the app's own duplicate finder names. `twin` is null when the finder finds none (the rule
 * may match on fields this app does not map), `hiddenTwin` when it belongs to another owner.
 */
export interface DuplicateRefusal {
  twin: LikelyDuplicate | null;
  hiddenTwin: boolean;
}

export function isDuplicateRefusal(message: string | null): boolean {
  return message?.includes(DUPLICATES_DETECTED) ?? false;
}

/** Each refused contact's refusal, by row id, found in one query however many there are. */
export async function duplicateRefusals(
  db: Database,
  mapping: Mapping,
  rowIds: readonly number[],
  scope: OwnerScope,
): Promise<Map<number, DuplicateRefusal>> {
  const twins = await twinsOf(db, mapping, rowIds, scope);
  return new Map(
    rowIds.map((rowId) => {
      const found = twins.get(rowId) ?? [];
      const twin = found.find((candidate) => candidate.visible) ?? null;
      return [rowId, { twin, hiddenTwin: twin === null && found.length > 0 }];
    }),
  );
}
