const REMEMBER_MS = 30_000;
const MAX_REMEMBERED = 500;

/**
 * Which lists recently had more matches than the count cap (one per app, made in createApp).
 * Counting ten thousand matches is the dearest part of showing a broad list, and its only
 * outcome is the text "10,000+", which stays true unless thousands of rows vanish; so for a
 * short while the count is skipped. Smaller counts are never remembered: they are exact on
 * every request.
 */
export interface CappedCounts {
  isCapped(key: string): boolean;
  remember(key: string): void;
}

export function cappedCounts(now: () => number = Date.now): CappedCounts {
  const until = new Map<string, number>();
  return {
    isCapped(key) {
      const expiry = until.get(key);
      if (expiry === undefined) return false;
      if (expiry > now()) return true;
      until.delete(key);
      return false;
    },
    remember(key) {
      if (until.size >= MAX_REMEMBERED) {
        // Maps iterate in insertion order: the first entry is the oldest.
        const oldest = until.keys().next();
        if (!oldest.done) until.delete(oldest.value);
      }
      until.delete(key);
      until.set(key, now() + REMEMBER_MS);
    },
  };
}
