import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from './axe';
import {
  DESKTOP,
  PHONE,
  appUrl,
  launchChromium,
  signedInState,
  type SignedInState,
} from './browser';
import { PROJECT_ROOT } from '../../src/paths';

export const SCREENSHOTS = path.join(PROJECT_ROOT, 'artifacts', 'screenshots');
const NARROWEST = { width: 320, height: 640 };

/** A page in one state a user meets. */
export interface PageState {
  name: string;
  signedIn: boolean;
  open(page: Page): Promise<unknown>;
  /** The page's h1, and something only this state shows: proof the state was reached. */
  heading: string | RegExp;
  shows?: string;
}

/**
 * For each state: axe finds no WCAG 2.1 AA violation at desktop or phone width, nothing
 * scrolls sideways at 320 px, the stylesheet loaded, and a screenshot at each width is kept.
 */
export function checkPageStates(states: PageState[]): void {
  let browser: Browser;
  let signedIn: SignedInState;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    signedIn = await signedInState(browser);
  });
  afterAll(async () => {
    await browser.close();
  });

  test.each(states)(
    'when $name is shown, then axe finds no WCAG 2.1 AA violation at desktop and phone widths, and nothing scrolls sideways at 320 px',
    async (state) => {
      const context = await browser.newContext({
        viewport: DESKTOP,
        baseURL: appUrl(),
        ...(state.signedIn ? { storageState: signedIn } : {}),
      });
      const page = await context.newPage();
      const missingAssets: string[] = [];
      page.on('response', (response) => {
        if (response.url().includes('/assets/') && !response.ok()) {
          missingAssets.push(response.url());
        }
      });

      await state.open(page);
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      const shown = state.shows ? await page.locator(state.shows).first().isVisible() : true;
      const atDesktop = await accessibilityViolations(page);
      await page.screenshot({ path: screenshot(state, 'desktop'), fullPage: true });
      await page.setViewportSize(PHONE);
      const atPhone = await accessibilityViolations(page);
      await page.screenshot({ path: screenshot(state, 'phone'), fullPage: true });
      await page.setViewportSize(NARROWEST);
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);

      expect(heading).toMatch(state.heading);
      expect(shown).toBe(true);
      expect(missingAssets).toEqual([]);
      expect(atDesktop).toEqual([]);
      expect(atPhone).toEqual([]);
      expect(width).toBeLessThanOrEqual(NARROWEST.width);
      await context.close();
    },
  );
}

function screenshot(state: PageState, width: 'desktop' | 'phone'): string {
  return path.join(SCREENSHOTS, `${state.name}-${width}.png`);
}

/** Fills the form's fields by label and submits it, without checking the outcome. */
export async function submitForm(page: Page, changes: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(changes)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: /^(Save changes|Create contact)$/ }).click();
  await page.waitForLoadState();
}
