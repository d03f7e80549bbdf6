import type { Database } from '../db/database';
import { isUsable, readMapping, type Mapping } from './mapping';

export interface MappingCache {
  current(): Promise<Mapping>;
  /** Drops the cached mapping, after a query showed it is out of date. */
  forget(): void;
}

/**
 * Caches a usable mapping briefly, since it changes only when an admin edits it in Connect.
 * A missing or incomplete table is re-read on every request, so the app comes alive as soon
 * as Connect creates it.
 */
export function mappingCache(db: Database, schema: string, ttlMs = 60_000): MappingCache {
  let cached: { mapping: Mapping; until: number } | undefined;
  return {
    async current() {
      if (cached && cached.until > Date.now()) return cached.mapping;
      const mapping = await readMapping(db, schema);
      cached = isUsable(mapping) ? { mapping, until: Date.now() + ttlMs } : undefined;
      return mapping;
    },
    forget() {
      cached = undefined;
    },
  };
}
