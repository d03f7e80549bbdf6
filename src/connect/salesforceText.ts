/**
 * Salesforce's one length rule for text fields, which the server, the forms' `maxlength` and the
 * Connect emulator all apply.
 *
 * Salesforce counts a text field's length in UTF-16 code units, as JavaScript's `length` and a
 * browser's `maxlength` do: an emoji outside the Basic Multilingual Plane counts two. The app
 * stores text in Unicode NFC, so an "é" typed as e plus a combining accent is one character, as
 * the person sees it, and what Salesforce counts is what was stored. Postgres's varchar(n) counts
 * code points, never more than code units, so a value that fits here fits the column too.
 */
export function salesforceText(text: string): string {
  return text.normalize('NFC');
}

/** The length Salesforce gives `text` once stored (NFC). */
export function salesforceLength(text: string): number {
  return salesforceText(text).length;
}

/** The sentence a form shows beside a field whose value is longer than Salesforce takes. */
export function tooLongMessage(label: string, maxLength: number, length: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return `${label} can be at most ${count(maxLength)} characters; emoji count as two (you entered ${count(length)}).`;
}
