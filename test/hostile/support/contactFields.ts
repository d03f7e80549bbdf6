import type { ContactField } from '../../../src/connect/contactFields';
import type { FormValue } from './forms';
import { asSent, escaped, inputValueIn } from './forms';

/** Field values keyed by column, so a mismatch names its field. */
export type FieldValues = Record<string, unknown>;

/** What the app must store for submitted values: trimmed, email lower-cased, blank as NULL. */
export function storedValues(
  fields: readonly ContactField[],
  values: readonly FormValue[],
): FieldValues {
  return Object.fromEntries(
    fields.map((field, i) => {
      const value = values[i];
      const text = typeof value === 'string' ? asSent(value).trim() : '';
      const normalised = field.kind === 'email' ? text.toLowerCase() : text;
      return [field.column, normalised === '' ? null : normalised];
    }),
  );
}

/** The form's name/value pairs for `values`, one per field in order. */
export function formPairs(
  fields: readonly ContactField[],
  values: readonly FormValue[],
): [string, FormValue][] {
  return fields.map((field, i) => [field.column, values[i]]);
}

/** The field columns of a stored row. */
export function fieldValuesOf(
  row: FieldValues | undefined,
  fields: readonly ContactField[],
): FieldValues {
  return Object.fromEntries(fields.map((field) => [field.column, row?.[field.column]]));
}

/** Each field's value as the form in `html` writes it. */
export function shownFields(html: string, fields: readonly ContactField[]): FieldValues {
  return Object.fromEntries(
    fields.map((field) => [field.column, inputValueIn(html, field.column)]),
  );
}

/** Each value as a form must show it: escaped exactly as `<%=` escapes it, NULL as empty. */
export function escapedFields(
  values: FieldValues | undefined,
  fields: readonly ContactField[],
): FieldValues {
  return Object.fromEntries(
    fields.map((field) => {
      const value = values?.[field.column];
      return [field.column, escaped(typeof value === 'string' ? value : '')];
    }),
  );
}
