/**
 * `name` is Salesforce's compound Full Name, stale until a write syncs back, so the current
 * first and last name win over it.
 */
export function displayName(
  values: { firstname?: string | null; lastname?: string | null },
  fullName: string | null,
): string {
  const parts = [values.firstname, values.lastname].filter((part) => part);
  return parts.length > 0 ? parts.join(' ') : (fullName ?? '(no name)');
}
