import type { ContactField } from '../connect/contactFields';
import type { FieldValues } from './shownValues';

export interface FieldConflict {
  field: ContactField;
  /** What the form showed; null when the form did not say. */
  was: string | null;
  mine: string;
  theirs: string;
  /** How the page shows the values when they are ids (an owner's), not what a person reads. */
  shownAs?: { was: string | null; mine: string; theirs: string };
}

export interface MergePlan {
  /** The user's changes that can be written: nobody else changed those fields. */
  writes: FieldValues;
  /** Fields both sides changed, to different values. */
  conflicts: FieldConflict[];
  /** Fields someone else changed meanwhile that the user left alone; they keep their value. */
  keptTheirs: ContactField[];
}

/**
 * A three-way merge, field by field, of what the form showed (base), what the user submitted
 * (mine, only the fields they edited) and what the row holds now (theirs). A field the user did
 * not change is never written, so a save can never undo a change it did not see.
 */
export function planMerge(
  fields: readonly ContactField[],
  shown: FieldValues | null,
  mine: FieldValues,
  theirs: FieldValues,
): MergePlan {
  const plan: MergePlan = { writes: {}, conflicts: [], keptTheirs: [] };
  for (const field of fields) {
    const { column } = field;
    const was = shown?.[column] ?? null;
    const current = theirs[column] ?? '';
    const edited = column in mine && mine[column] !== was;
    if (!edited) {
      if (was !== null && was !== current) plan.keptTheirs.push(field);
      continue;
    }
    const value = mine[column] ?? '';
    if (value === current) continue;
    if (was === current) plan.writes[column] = value;
    else plan.conflicts.push({ field, was, mine: value, theirs: current });
  }
  return plan;
}
