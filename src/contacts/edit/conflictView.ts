import type { ContactField } from '../../connect/contactFields';
import { isolatedParts } from '../../web/isolated';
import type { Contact } from '../contact';
import { contactLinks, type ContactLinks } from '../contactLinks';
import type { MergePlan } from '../../records/merge';
import { encodeShown } from '../../records/shownValues';

interface ConflictChoice {
  column: string;
  label: string;
  was: string | null;
  mine: string;
  theirs: string;
}

export interface ConflictView {
  title: string;
  contact: Contact;
  links: ContactLinks;
  conflicts: ConflictChoice[];
  /** The user's changes nobody else made: saved along with the choices. */
  ownChanges: { column: string; label: string; value: string }[];
  keptTheirs: string[];
  /** The values the page compares against: the next save merges from these. */
  shown: string;
}

/** The fields both sides changed, each with its own choice; nothing else is offered. */
export function conflictView(
  current: Contact,
  plan: MergePlan,
  fields: readonly ContactField[],
): ConflictView {
  return {
    title: `Changed meanwhile: ${isolatedParts(current.nameParts)}`,
    contact: current,
    links: contactLinks(current),
    conflicts: plan.conflicts.map(({ field, was, mine, theirs }) => ({
      column: field.column,
      label: field.label,
      was,
      mine,
      theirs,
    })),
    ownChanges: fields
      .filter(({ column }) => column in plan.writes)
      .map(({ column, label }) => ({ column, label, value: plan.writes[column] ?? '' })),
    keptTheirs: plan.keptTheirs.map((field) => field.label),
    shown: encodeShown(current.values),
  };
}
