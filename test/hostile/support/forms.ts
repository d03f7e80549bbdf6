/** What a form or query value can be: one value, a repeated parameter, or absent. */
export type FormValue = string | string[] | undefined;

/**
 * A urlencoded body or query string as a browser would build it, from pairs in order. Repeated
 * parameters repeat the name. Lone surrogates can't be sent as UTF-8; a browser sends U+FFFD,
 * and so does this.
 */
export function urlencoded(pairs: [string, FormValue][]): string {
  const parts: string[] = [];
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    for (const one of [value].flat()) parts.push(`${encode(name)}=${encode(one)}`);
  }
  return parts.join('&');
}

export function encode(text: string): string {
  return encodeURIComponent(asSent(text));
}

/** What the server decodes from `encode(text)`: UTF-8 turns lone surrogates into U+FFFD. */
export function asSent(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

const EJS_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** Text as EJS's `<%=` writes it into a page. */
export function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (c) => EJS_ESCAPES[c] ?? c);
}

/** The value of the form field named `name` as written in the page (escaped text has no `>`). */
export function inputValueIn(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]* name="${name}"[^>]*>`).exec(html)?.[0];
  if (input) return / value="([^"]*)"/.exec(input)?.[1];
  const textarea = new RegExp(`<textarea [^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(html);
  return textarea?.[1];
}
