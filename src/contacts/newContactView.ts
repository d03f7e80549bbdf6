import type { Mapping } from '../connect/mapping';
import type { ContactValues } from './contact';
import { formFields, type FormField } from './cardView';
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
    formFields: formFields(mapping.fields, submitted?.values ?? {}, errors),
    errorCount: Object.keys(errors).length,
  };
}
