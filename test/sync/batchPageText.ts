import { decodeHtml } from '../support/httpUser';

/** The page's words, as a reader sees them: no tags, no isolates, spaces collapsed. */
export function pageText(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ' '))
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ');
}

/** The counts of the written rows, as the page shows them (and its script updates them). */
export function countsIn(html: string): Record<string, number> {
  return Object.fromEntries(
    Array.from(html.matchAll(/<dd data-count="(\w+)">(\d+)<\/dd>/g), ([, name = '', count]) => [
      name,
      Number(count),
    ]),
  );
}
