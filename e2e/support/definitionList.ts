import type { Locator } from 'playwright-core';

/** In a `<dl>`, the description that follows the term `term`, such as a card's "Title". */
export function definitionOf(list: Locator, term: string): Locator {
  return list
    .locator('dt')
    .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .locator('xpath=following-sibling::dd[1]');
}
