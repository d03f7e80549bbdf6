import type { Page } from 'playwright-core';
import { waitUntil } from './processGroup';

// The emulator sends a write about 2 s after it is made; leave room for a busy machine.
const SYNC_TIMEOUT_MS = 30_000;
const RELOAD_EVERY_MS = 300;

/** The sync badge on a card, as the user reads it. */
export function cardBadge(page: Page) {
  return page.locator('.sync-line .badge');
}

/** Reloads the page, as a person waiting on Connect would, until `check` holds. */
export async function reloadUntil(
  page: Page,
  what: string,
  check: () => Promise<boolean>,
): Promise<void> {
  const reached = await waitUntil(
    async () => {
      await page.reload();
      return check();
    },
    SYNC_TIMEOUT_MS,
    RELOAD_EVERY_MS,
  );
  if (!reached) throw new Error(`${page.url()} never showed ${what}`);
}

export function reloadUntilBadge(page: Page, state: string): Promise<void> {
  return reloadUntil(
    page,
    `the sync badge ${state}`,
    async () => (await cardBadge(page).textContent()) === state,
  );
}
