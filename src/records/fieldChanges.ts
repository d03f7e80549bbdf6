import type { AuditedChange } from '../audit/auditEntry';
import type { ContactField } from '../connect/contactFields';
import type { FieldValues } from './shownValues';

/**
 * Each field whose value differs between before and after, in form order: a create is from
 * nothing, a delete is to nothing, and a delete's second look is from what its page showed to
 * what the row holds now. An empty value and a missing one are the same (NULL).
 */
export function fieldChanges(
  fields: readonly ContactField[],
  before: FieldValues,
  after: FieldValues,
): AuditedChange[] {
  return fields
    .map(({ column, label }) => ({
      field: column,
      label,
      from: before[column] ?? '',
      to: after[column] ?? '',
    }))
    .filter((change) => change.from !== change.to);
}
