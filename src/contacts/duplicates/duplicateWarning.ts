import { createHash } from 'node:crypto';
import type { Database } from '../../db/database';
import {
  findDuplicates,
  MAX_DUPLICATES,
  type DuplicateProbe,
  type LikelyDuplicate,
} from '../../connect/duplicateContacts';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';

/** The "Save anyway" checkbox; its value names the duplicates the user saw and chose to ignore. */
export const SAVE_ANYWAY_FIELD = '_save_anyway';

/** The warning above the form, listing what the contact likely duplicates. */
export interface DuplicateWarning {
  /** Contacts the user may open: name, email and account, each linking to its card. */
  shown: LikelyDuplicate[];
  /**
   * How many matches belong to someone else (CONTACT_VISIBILITY=owner). They are counted, never
   * described: listing them would show another owner's record, while saying nothing would let
   * the user save a contact Salesforce's duplicate rule then refuses minutes later, which tells
   * them as much anyway.
   */
  hidden: number;
  /** Whether there were more than MAX_DUPLICATES. */
  more: boolean;
  /** The Save anyway value: it holds only for this set of duplicates. */
  acknowledgement: string;
}

/**
 * The warning to show before writing `probe`, or null when there is nothing to warn about or
 * the user already chose Save anyway for these very duplicates. The choice names what it was
 * made about, so a resubmit without it, or after another duplicate appeared, warns again.
 */
export async function duplicateWarning(
  db: Database,
  mapping: Mapping,
  probe: DuplicateProbe,
  scope: OwnerScope,
  body: Record<string, unknown>,
): Promise<DuplicateWarning | null> {
  const [found = []] = await findDuplicates(db, mapping, [probe], scope);
  if (found.length === 0) return null;
  const acknowledgement = acknowledgementOf(found);
  if (body[SAVE_ANYWAY_FIELD] === acknowledgement) return null;
  const listed = found.slice(0, MAX_DUPLICATES);
  return {
    shown: listed.filter((twin) => twin.visible),
    hidden: listed.filter((twin) => !twin.visible).length,
    more: found.length > MAX_DUPLICATES,
    acknowledgement,
  };
}

/** A digest of the duplicates' row ids: stable for one set, and revealing none of them. */
function acknowledgementOf(found: readonly LikelyDuplicate[]): string {
  const ids = found.map((twin) => twin.rowId).sort((a, b) => a - b);
  return createHash('sha256').update(ids.join(',')).digest('base64url').slice(0, 22);
}
