/**
 * A contact's name as the parts a page shows, each isolated on its own: a right-to-left
 * override in the first name must not reorder the last. `name` is Salesforce's compound Full
 * Name, stale until a write syncs back, so the current first and last name win over it.
 */
export function nameParts(
  values: { firstname?: string | null; lastname?: string | null },
  fullName: string | null,
): string[] {
  const parts = [values.firstname, values.lastname].filter((part): part is string => !!part);
  return parts.length > 0 ? parts : [fullName ?? '(no name)'];
}

/** The name as one plain text, where no isolation applies (a vCard, a file name). */
export function displayName(
  values: { firstname?: string | null; lastname?: string | null },
  fullName: string | null,
): string {
  return nameParts(values, fullName).join(' ');
}
