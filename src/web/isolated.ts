/**
 * A user's text set inside the app's own words where no markup can go (a page's <title>, a
 * flash message): between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, a right-to-left
 * override in it cannot reorder the words around it, as <bdi> does in a page's body.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A name of several parts, each isolated on its own, as views/partials/name.ejs shows it. */
export function isolatedParts(parts: readonly string[]): string {
  return parts.map(isolated).join(' ');
}
