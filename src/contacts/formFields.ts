import type { ContactField } from '../connect/contactFields';

/** Browsers strip line breaks from text, tel and email inputs, so such values lose them. */
const LINE_BREAK = /[\r\n]/;
/** An email input also strips white space at either end. */
const EDGE_WHITE_SPACE = /^[\t\n\f\r ]|[\t\n\f\r ]$/;

/**
 * Whether a value needs a textarea, which gives back what it showed: a one-line input would
 * hand back an altered value, and a save would then rewrite (or refuse) a field nobody touched.
 */
export function needsTextarea(field: ContactField, value: string): boolean {
  if (field.kind === 'longtext' || LINE_BREAK.test(value)) return true;
  return field.kind === 'email' && EDGE_WHITE_SPACE.test(value);
}
