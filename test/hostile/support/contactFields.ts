import type { ContactField } from '../../../src/connect/contactFields';
import type { FormValue } from './forms';
import { asSent, escaped, inputValueIn } from './forms';

/** Field values keyed by column, so a mismatch names its field. */
export type FieldValues = Record<string, unknown>;

/**
 * What the app must store for submitted values: trimmed, in Unicode NFC, email lower-cased,
 * blank as NULL.
 */
export function storedValues(
  fields: readonly ContactField[],
  values: readonly FormValue[],
): FieldValues {
  return Object.fromEntries(
    fields.map((field, i) => {
      const text = typedText(values[i]);
      const normalised = field.kind === 'email' ? text.toLowerCase().normalize('NFC') : text;
      return [field.column, normalised === '' ? null : normalised];
    }),
  );
}

/**
 * What a refused form must show again: what was typed, trimmed and in NFC (which looks the
 * same), never lower-cased, each control character a form cannot show as its Unicode control
 * picture (NUL as ␀, DEL as ␡).
 */
export function typedValues(
  fields: readonly ContactField[],
  values: readonly FormValue[],
): FieldValues {
  return Object.fromEntries(
    fields.map((field, i) => [
      field.column,
      // eslint-disable-next-line no-control-regex -- controls are what is replaced
      typedText(values[i]).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, (c) =>
        c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
      ),
    ]),
  );
}

function typedText(value: FormValue): string {
  return typeof value === 'string' ? asSent(value).trim().normalize('NFC') : '';
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
