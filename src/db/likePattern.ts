/** A LIKE pattern for "contains": `%`, `_` and `\` typed by a user are literal characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
