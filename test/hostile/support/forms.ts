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
  // The line break after the start tag is the one the HTML parser drops.
  const textarea = new RegExp(`<textarea [^>]*name="${name}"[^>]*>\\n([^<]*)</textarea>`).exec(
    html,
  );
  return textarea?.[1];
}

/**
 * Whether every name and value the query string holds is valid percent-encoded UTF-8, worked
 * out here without the app's parser: the app answers 400 to any query that is not. What a
 * browser keeps after `#` is never sent, and a part without a name names nothing.
 */
export function isReadableQuery(raw: string): boolean {
  const sent = raw.split('#')[0] ?? '';
  return sent.split('&').every((part) => {
    const separator = part.indexOf('=');
    const name = separator < 0 ? part : part.slice(0, separator);
    const value = separator < 0 ? '' : part.slice(separator + 1);
    if (name === '') return true;
    try {
      decodeURIComponent(name.replaceAll('+', ' '));
      decodeURIComponent(value.replaceAll('+', ' '));
      return true;
    } catch {
      return false;
    }
  });
}
