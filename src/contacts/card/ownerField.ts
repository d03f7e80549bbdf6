import type { Contact } from '../contact';
import { OWNER_FIELD } from '../edit/ownerMerge';
import { MAX_OWNER_CHOICES, type OwnerChoice } from '../owners';

/** The card's Owner menu: active users by name, the current owner selected. */
export interface OwnerField {
  name: typeof OWNER_FIELD;
  options: { value: string; label: string; selected: boolean }[];
  error: string | null;
  /** Whether the menu stops at MAX_OWNER_CHOICES users. */
  capped: boolean;
}

/**
 * The current owner stays in the menu even if inactive (Salesforce keeps such owners), marked
 * so; a contact without an owner offers "(none)" until one is chosen. Salesforce requires an
 * owner, so a contact that has one cannot be left without.
 */
export function ownerField(
  contact: Contact,
  choices: OwnerChoice[],
  submitted?: { id: string; error: string | null },
): OwnerField {
  const current = contact.owner;
  const selected = submitted?.id ?? current?.id ?? '';
  const options = choices.map((user) => ({ value: user.id, label: user.name }));
  if (current && !choices.some((user) => user.id === current.id)) {
    options.unshift({ value: current.id, label: `${current.name ?? current.id} (inactive)` });
  }
  if (!current) options.unshift({ value: '', label: '(none)' });
  return {
    name: OWNER_FIELD,
    options: options.map((option) => ({ ...option, selected: option.value === selected })),
    error: submitted?.error ?? null,
    capped: choices.length >= MAX_OWNER_CHOICES,
  };
}
