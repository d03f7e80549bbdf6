/**
 * A user's text set inside the app's own words where no markup can go (a page's <title>):
 * between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, a right-to-left override in it
 * cannot reorder the words around it, as <bdi> does in a page's body.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
