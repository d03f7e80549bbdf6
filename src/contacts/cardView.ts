import type { Contact, ContactValues } from './contact';
import type { ContactField } from './fields';
import type { FieldErrors } from './validation';

export interface FormField extends ContactField {
  value: string;
  error: string | null;
}

export interface CardView {
  title: string;
  contact: Contact;
  formFields: FormField[];
  errorCount: number;
  version: string;
}

/** The card with its edit form; after a failed save, the form shows what the user typed. */
export function cardView(
  contact: Contact,
  fields: readonly ContactField[],
  submitted?: { values: ContactValues; errors: FieldErrors; version: string },
): CardView {
  const values = submitted?.values ?? contact.values;
  const errors = submitted?.errors ?? {};
  return {
    title: contact.displayName,
    contact,
    formFields: fields.map((field) => ({
      ...field,
      value: values[field.column] ?? '',
      error: errors[field.column] ?? null,
    })),
    errorCount: Object.keys(errors).length,
    version: submitted?.version ?? contact.version,
  };
}

export interface ConflictRow {
  label: string;
  column: string;
  mine: string;
  current: string;
  differs: boolean;
}

export function conflictRows(
  fields: readonly ContactField[],
  mine: ContactValues,
  current: Contact,
): ConflictRow[] {
  return fields.map((field) => {
    const mineValue = mine[field.column] ?? '';
    const currentValue = current.values[field.column] ?? '';
    return {
      label: field.label,
      column: field.column,
      mine: mineValue,
      current: currentValue,
      differs: mineValue !== currentValue,
    };
  });
}
