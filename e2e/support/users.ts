import type { Locator, Page } from 'playwright-core';

/** How a person works the page: the flows run once with each. */
export interface User {
  /** Clicks, or Tabs to it and presses Enter. */
  activate(target: Locator): Promise<void>;
  /** Activates `target` and waits until the page it leads to (after any redirect) has loaded. */
  follow(target: Locator): Promise<void>;
  /** Replaces what a field holds with `text`. */
  fillIn(field: Locator, text: string): Promise<void>;
  /** Selects a radio button: clicks it, or Tabs to it and presses Space (Enter would submit). */
  choose(radio: Locator): Promise<void>;
}

type Hands = Omit<User, 'follow'>;

function withFollow(page: Page, hands: Hands): User {
  return {
    ...hands,
    async follow(target) {
      const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
      await hands.activate(target);
      await navigated;
      await page.waitForLoadState();
    },
  };
}

export function mouseUser(page: Page): User {
  return withFollow(page, {
    activate: (target) => target.click(),
    fillIn: (field, text) => field.fill(text),
    choose: (radio) => radio.check(),
  });
}

export function keyboardUser(page: Page): User {
  return withFollow(page, {
    async activate(target) {
      await tabTo(page, target);
      await page.keyboard.press('Enter');
    },
    async fillIn(field, text) {
      await tabTo(page, field);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      if (text) await page.keyboard.type(text);
    },
    async choose(radio) {
      await tabTo(page, radio);
      await page.keyboard.press('Space');
    },
  });
}

export const USERS: readonly [string, (page: Page) => User][] = [
  ['with a mouse', (page) => mouseUser(page)],
  ['keyboard only', (page) => keyboardUser(page)],
];

const MAX_TAB_PRESSES = 150;

/**
 * Presses Tab until `target` has focus, checking at every stop on the way that the focused
 * element shows it (an outline or a ring), since a keyboard user has nothing else to go by.
 */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  const wanted = await target.elementHandle();
  for (let press = 0; press < MAX_TAB_PRESSES; press += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((element) => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) return { reached: false, problem: null };
      const style = getComputedStyle(focused);
      const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const ringed = style.boxShadow !== 'none';
      const box = focused.getBoundingClientRect();
      const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0;
      const shown = (outlined || ringed) && onScreen;
      const name = `${focused.tagName.toLowerCase()} "${focused.textContent.trim().slice(0, 40)}"`;
      return { reached: focused === element, problem: shown ? null : name };
    }, wanted);
    if (stop.problem) throw new Error(`keyboard focus is not visible on ${stop.problem}`);
    if (stop.reached) return;
  }
  throw new Error(`${MAX_TAB_PRESSES} presses of Tab did not reach ${target.toString()}`);
}
