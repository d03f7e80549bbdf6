import type { Page } from 'playwright-core';

/** How many entries one page of /audit shows. */
export const AUDIT_PAGE_SIZE = 50;

/** One column of the audit table (by its data-label) as a reader sees it, row by row. */
export function auditColumn(page: Page, label: string): Promise<string[]> {
  return page.locator(`main tbody td[data-label="${label}"]`).allInnerTexts();
}

/**
 * The Changes column, each change as `Label: from → to`: the page quotes each value and says
 * "to" only to screen readers, so its text is read piece by piece.
 */
export function auditChanges(page: Page): Promise<string[]> {
  return page.locator('main tbody td[data-label="Changes"]').evaluateAll((cells) =>
    cells.map((cell) =>
      [...cell.querySelectorAll(':scope > div')]
        .map((change) => {
          const [from, to] = [...change.querySelectorAll('q')].map((value) => value.textContent);
          return `${change.querySelector('bdi')?.textContent ?? ''}: ${from ?? ''} → ${to ?? ''}`;
        })
        .join('; '),
    ),
  );
}
