/** A record's field values by column, as a form shows and posts them ('' when empty). */
export type FieldValues = Record<string, string>;

/**
 * The values an edit or delete form showed, carried back with it so that the save can tell what
 * the user changed from what changed meanwhile. Encoded, because markup cannot carry text
 * faithfully: the HTML parser turns a CR into LF, and form submission makes every line break
 * CRLF. Not signed: a user who forges it can only turn their own save into a conflict or an
 * overwrite they could have chosen on the conflict page anyway.
 */
export function encodeShown(values: FieldValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What the form showed, field by field; null when it carried nothing we could read. */
export function decodeShown(encoded: unknown): FieldValues | null {
  if (typeof encoded !== 'string' || encoded === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return null;
  }
}
