import type { MappedObject } from './mappedObject';

/**
 * A relationship External ID column on a child table: Connect names it from the lookup's
 * relationship name and the parent's External ID field, lower-cased, joined by two
 * underscores (`account__external_account_id__c` for Contact.AccountId and
 * External_Account_Id__c; `business_account__r__integration_id__c` for a custom lookup). The
 * exact prefix Connect uses for the standard lookup is unverified, so the column is found by its
 * ending, preferring one named after the parent object. Null when none is mapped.
 */
export function relationshipColumn(
  columns: ReadonlySet<string>,
  parent: Pick<MappedObject, 'table' | 'externalIdColumn'>,
): string | null {
  if (parent.externalIdColumn === null) return null;
  const suffix = `__${parent.externalIdColumn}`;
  const candidates = [...columns].filter((c) => c.endsWith(suffix) && c.length > suffix.length);
  const named = candidates.filter((c) => c.startsWith(`${parent.table}__`));
  const [only] = named.length > 0 ? named : candidates;
  // Two lookups to the same parent (a custom one beside AccountId) leave it ambiguous.
  return (named.length > 0 ? named : candidates).length === 1 ? (only ?? null) : null;
}
