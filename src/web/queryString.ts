/** Reading a list page's query string leniently: anything unexpected falls back to a default. */

// Repeated parameters arrive as arrays; the first value wins.
export function firstString(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export function oneOf<T>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** A page number from 1 to `max`; 1 for anything else. */
export function pageNumber(text: string, max: number): number {
  if (!/^\d{1,6}$/.test(text)) return 1;
  const page = Number(text);
  return page >= 1 && page <= max ? page : 1;
}

/**
 * Search text as typed, trimmed and cut to `maxLength`. Postgres text cannot hold NUL, so no
 * record contains one, and sending it fails the query.
 */
export function searchText(text: string, maxLength: number): string {
  return text.replaceAll('\0', '').trim().slice(0, maxLength);
}
