import type { ContactField } from '../connect/contactFields';
import type { MergePlan } from './merge';

export interface ConflictChoice {
  column: string;
  label: string;
  was: string | null;
  mine: string;
  theirs: string;
  /** The values as the page shows them: names where the values are ids (an owner's). */
  text: { was: string | null; mine: string; theirs: string };
}

/** A change nobody else made, carried through the conflict page in hidden fields. */
export interface OwnChange {
  column: string;
  label: string;
  /** What the form posts again. */
  value: string;
  /** What the page shows, when the posted value is a key rather than what a person reads. */
  text?: string;
  /** More fields the post needs, such as the choice to create a new account. */
  also?: Record<string, string>;
}

/** What a conflict page offers, whatever the record: views/partials/conflictForm.ejs shows it. */
export interface ConflictChoices {
  /** The fields both sides changed, each with its own choice; nothing else is offered. */
  conflicts: ConflictChoice[];
  /** The user's changes nobody else made: saved along with the choices. */
  ownChanges: OwnChange[];
  keptTheirs: string[];
}

export function conflictChoices(plan: MergePlan, fields: readonly ContactField[]): ConflictChoices {
  return {
    conflicts: plan.conflicts.map(({ field, was, mine, theirs, shownAs }) => ({
      column: field.column,
      label: field.label,
      was,
      mine,
      theirs,
      text: shownAs ?? { was, mine, theirs },
    })),
    ownChanges: fields
      .filter(({ column }) => column in plan.writes)
      .map(({ column, label }) => ({ column, label, value: plan.writes[column] ?? '' })),
    keptTheirs: plan.keptTheirs.map((field) => field.label),
  };
}
