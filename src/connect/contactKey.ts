/**
 * URLs name a contact by a key that survives Connect's table reloads, which renumber `id`:
 * the Salesforce id (`sfid`) once the row has one, otherwise the External ID the app set when
 * it inserted the row. A row with neither (written by another tool) falls back to `row-<id>`,
 * which works until the next reload.
 */
export interface KeyedRow {
  id: number;
  sfid: string | null;
  externalId: string | null;
}

export type KeyLookup = { by: 'identifier'; value: string } | { by: 'id'; value: number };

const ROW_KEY = /^row-(\d{1,10})$/;
const IDENTIFIER_KEY = /^[A-Za-z0-9_-]{1,80}$/;

export function keyOf(row: KeyedRow): string {
  return row.sfid ?? row.externalId ?? `row-${row.id}`;
}

export function parseKey(key: string): KeyLookup | null {
  const rowMatch = ROW_KEY.exec(key);
  if (rowMatch?.[1] !== undefined) {
    const id = Number(rowMatch[1]);
    return id <= 2_147_483_647 ? { by: 'id', value: id } : null;
  }
  return IDENTIFIER_KEY.test(key) ? { by: 'identifier', value: key } : null;
}

/** The card's path: the one place a contact URL is built. */
export function cardPath(key: string): string {
  return `/contacts/${encodeURIComponent(key)}`;
}

/** An account page's path: accounts are keyed like contacts. */
export function accountPath(key: string): string {
  return `/accounts/${encodeURIComponent(key)}`;
}
