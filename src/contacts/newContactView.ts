import type { ContactValues } from './contact';
import type { FormField } from './cardView';
import type { Mapping } from './mapping';
import type { FieldErrors } from './validation';

export interface NewContactView {
  title: string;
  creatable: boolean;
  formFields: FormField[];
  errorCount: number;
}

export function newContactView(
  mapping: Mapping,
  submitted?: { values: ContactValues; errors?: FieldErrors },
): NewContactView {
  const errors = submitted?.errors ?? {};
  return {
    title: 'New contact',
    creatable: mapping.hasExternalId,
    formFields: mapping.fields.map((field) => ({
      ...field,
      value: submitted?.values[field.column] ?? '',
      error: errors[field.column] ?? null,
    })),
    errorCount: Object.keys(errors).length,
  };
}
