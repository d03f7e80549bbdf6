import type { ContactField } from '../connect/contactFields';
import type { FieldValues } from './shownValues';

/** Form submission makes every line break CRLF, and the HTML parser makes every CR an LF. */
function sameText(submitted: string, shown: string): boolean {
  const lines = (text: string) => text.replace(/\r\n?/g, '\n');
  return lines(submitted) === lines(shown);
}

/**
 * The fields a submitted edit form changed: those whose value differs from what the form
 * showed. A field the client did not send at all is unchanged. Without the shown values every
 * sent field counts as changed, so the merge treats it as a possible conflict, never as safe.
 * A value that could not be decoded always counts, so its error is shown.
 */
export function editedFields(
  body: Record<string, unknown>,
  fields: readonly ContactField[],
  shown: FieldValues | null,
  unreadable: ReadonlySet<string>,
): ContactField[] {
  return fields.filter(({ column }) => {
    const sent = body[column];
    if (unreadable.has(column)) return true;
    if (sent === undefined) return false;
    const was = shown?.[column];
    return typeof sent !== 'string' || was === undefined || !sameText(sent, was);
  });
}
