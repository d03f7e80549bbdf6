import type { Mapping } from '../../connect/mapping';
import { formFields, type FormField } from '../../records/formFields';
import type { FieldErrors } from '../../records/validation';
import type { Batch } from '../../records/batches';
import { ACCOUNT_FIELD, canCreate, type AccountResolution } from '../accountField';
import { accountFormOf, type AccountFormField } from '../accountFieldView';
import type { OwnerField } from '../card/ownerField';
import { OWNER_FIELD } from '../edit/ownerMerge';
import { MAX_OWNER_CHOICES, canReassign, type OwnerChoice } from '../owners';
import { contactCount, type ChosenNames } from './chosenBatch';
import { CHANGE_FIELD, offersAccount, settableFields, type MassEditTyped } from './massEditInput';

/** What the form shows again after a refused submit. */
export interface Submitted {
  typed: MassEditTyped;
  body: Record<string, unknown>;
  problem: string | null;
  errors: FieldErrors;
  account: AccountResolution | null;
}

/** The mass-edit form: each settable field with its own “Change” box, then Account and Owner. */
export function massEditView(
  mapping: Mapping,
  batch: Batch,
  chosen: ChosenNames,
  owners: OwnerChoice[],
  submitted: Submitted | null,
) {
  const ticked = submitted?.typed.ticked ?? new Set<string>();
  const errors = submitted?.errors ?? {};
  const fields: FormField[] = formFields(
    settableFields(mapping),
    submitted?.typed.values ?? {},
    errors,
  );
  const accountField: AccountFormField | null = offersAccount(mapping)
    ? {
        ...accountFormOf(submitted?.body ?? {}, submitted?.account ?? null),
        error: errors[ACCOUNT_FIELD] ?? null,
      }
    : null;
  const ownerField: OwnerField | null = canReassign(mapping)
    ? ownerFieldOf(owners, submitted?.typed.ownerId ?? '', errors[OWNER_FIELD] ?? null)
    : null;
  const errorList = [
    ...fields.flatMap((field) =>
      field.error ? [{ href: `#field-${field.column}`, text: field.error }] : [],
    ),
    ...(accountField?.error ? [{ href: '#field-account', text: accountField.error }] : []),
    ...(ownerField?.error ? [{ href: '#field-owner', text: ownerField.error }] : []),
  ];
  return {
    title: `Edit ${contactCount(batch.itemCount)}`,
    action: `/contacts/bulk/${batch.id}`,
    backHref: `/contacts${batch.listQuery}`,
    chosen,
    changeField: CHANGE_FIELD,
    // No autofill: the browser would offer the editor's own address for everyone's.
    fields: fields.map((field) => ({
      ...field,
      autocomplete: 'off',
      ticked: ticked.has(field.column),
    })),
    accountField: accountField && { ...accountField, ticked: ticked.has(ACCOUNT_FIELD) },
    accountCreatable: canCreate(mapping),
    ownerField: ownerField && { ...ownerField, ticked: ticked.has(OWNER_FIELD) },
    problem: submitted?.problem ?? null,
    errorList,
  };
}

function ownerFieldOf(owners: OwnerChoice[], selected: string, error: string | null): OwnerField {
  const options = [
    { value: '', label: '(choose the new owner)' },
    ...owners.map((user) => ({ value: user.id, label: user.name })),
  ];
  return {
    name: OWNER_FIELD,
    options: options.map((option) => ({ ...option, selected: option.value === selected })),
    error,
    capped: owners.length >= MAX_OWNER_CHOICES,
  };
}
