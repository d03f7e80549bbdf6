import type { ContactField } from '../connect/contactFields';
import type { FieldValues } from './shownValues';
import type { FieldErrors } from './validation';

export interface FormField extends ContactField {
  value: string;
  error: string | null;
  textarea: boolean;
  /** A one-line field shown in a textarea, because an input would alter its value. */
  keepsAsIs: boolean;
}

/** The form's fields, each with its value and its error, if any: an edit form's and a New form's. */
export function formFields(
  fields: readonly ContactField[],
  values: Partial<FieldValues>,
  errors: FieldErrors,
): FormField[] {
  return fields.map((field) => {
    const value = values[field.column] ?? '';
    const textarea = needsTextarea(field, value);
    return {
      ...field,
      value,
      error: errors[field.column] ?? null,
      textarea,
      keepsAsIs: textarea && field.kind !== 'longtext',
    };
  });
}

/** Browsers strip line breaks from text, tel and email inputs, so such values lose them. */
const LINE_BREAK = /[\r\n]/;
/** An email input also strips white space at either end. */
const EDGE_WHITE_SPACE = /^[\t\n\f\r ]|[\t\n\f\r ]$/;

/**
 * Whether a value needs a textarea, which gives back what it showed: a one-line input would
 * hand back an altered value, and a save would then rewrite (or refuse) a field nobody touched.
 */
function needsTextarea(field: ContactField, value: string): boolean {
  if (field.kind === 'longtext' || LINE_BREAK.test(value)) return true;
  return field.kind === 'email' && EDGE_WHITE_SPACE.test(value);
}
