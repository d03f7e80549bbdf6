/** The counts an import's preview or progress page shows, by their data-count name. */
export function countsIn(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of html.matchAll(/data-count="([a-z-]+)">(\d+)</g)) {
    counts[match[1] ?? ''] = Number(match[2]);
  }
  return counts;
}
