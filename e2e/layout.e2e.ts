import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { appUrl, launchChromium, signedInState, type SignedInState } from './support/browser';
import { arrangeContactAtNewAccount, arrangeSyncedContact, uniqueName } from './support/contacts';
import { SCREENSHOTS } from './support/pageStates';

// The narrowest phone a page must fit, and a common laptop.
const WIDTHS = [
  { width: 320, height: 640 },
  { width: 1280, height: 800 },
];

// Long unbroken tokens, as real data has them: a 49-character last name, a 79-character email.
const family = uniqueName('Layout');
const longName = {
  firstname: 'Maximiliana',
  lastname: `${family}Wolfeschlegelsteinhausenbergerdorff`,
};
// A company name as long, with an unbroken 45-character word.
const longAccount = `${family}Dampfschifffahrtsgesellschaft Holdings`;
const longEmail = `maximiliana.wolfeschlegelsteinhausenberger.${family.slice(-8)}@procurement.invalid.example`;
// The override reverses everything after it up to the end of its paragraph, unless isolated:
// in the first name it would reverse the last name too ("nosrednA live").
const overridden = { firstname: '\u202Eevil', lastname: uniqueName('Override') };
const nameParts = [overridden.firstname, overridden.lastname];
const overriddenName = nameParts.join(' ');
/** How a window title isolates each part: between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. */
const isolatedTitle = nameParts.map((part) => `\u2068${part}\u2069`).join(' ');

let browser: Browser;
let signedIn: SignedInState;
let failedCard = '';
let overriddenCard = '';
let contestedCard = '';
let longAccountPage = '';
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  signedIn = await signedInState(browser);
  // A failed INSERT: its card shows Salesforce's error, and /sync/failed lists it.
  // A contact at an account with a long name: the list's Account column, /accounts and its page.
  [failedCard, overriddenCard, contestedCard, { account: longAccountPage }] = await Promise.all([
    arrangeSyncedContact({ ...longName, email: longEmail }, 'FAILED'),
    arrangeSyncedContact({ ...overridden, email: 'rlo@example.com' }),
    arrangeSyncedContact({ ...longName, email: 'contested@example.com' }),
    arrangeContactAtNewAccount({ ...longName, email: 'accounted@example.com' }, longAccount),
  ]);
});
afterAll(async () => {
  await browser.close();
});

interface LayoutPage {
  name: string;
  signedIn: boolean;
  path: () => string;
  /** How a reader reaches a page that no address shows by itself; otherwise it opens `path`. */
  arrive?: (page: Page, path: string) => Promise<void>;
  /** Something only this page in this state shows: proof it was reached. */
  shows: string;
}

const PAGES: LayoutPage[] = [
  {
    name: 'list-search',
    signedIn: true,
    path: () => `/contacts?q=${family}`,
    shows: 'table.contacts .badge-failed',
  },
  { name: 'card-failed', signedIn: true, path: () => failedCard, shows: '.sync-error' },
  { name: 'new', signedIn: true, path: () => '/contacts/new', shows: 'form.contact-form' },
  {
    name: 'delete',
    signedIn: true,
    path: () => `${failedCard}/delete`,
    shows: 'button.danger',
  },
  {
    name: 'failed-writes',
    signedIn: true,
    path: () => '/sync/failed',
    shows: 'form[action="/sync/retry"]',
  },
  {
    name: 'conflict',
    signedIn: true,
    path: () => contestedCard,
    arrive: arriveAtConflict,
    shows: 'fieldset.conflict-field',
  },
  {
    name: 'accounts',
    signedIn: true,
    path: () => `/accounts?q=${family}`,
    shows: 'table.accounts',
  },
  {
    name: 'account',
    signedIn: true,
    path: () => longAccountPage,
    shows: 'table.contacts',
  },
  {
    name: 'new-account-create',
    signedIn: true,
    path: () => '/contacts/new',
    arrive: arriveAtNewAccountChoice,
    shows: '#account-choice-new',
  },
  { name: 'setup', signedIn: true, path: () => '/setup', shows: 'code' },
  { name: 'signin', signedIn: false, path: () => '/signin', shows: '#password' },
];

describe.each(WIDTHS)('at $width px', (viewport) => {
  // The sign-in page redirects a signed-in reader, so it needs a context of its own.
  let signedInContext: BrowserContext;
  let signedOutContext: BrowserContext;
  beforeAll(async () => {
    signedInContext = await browser.newContext({
      viewport,
      baseURL: appUrl(),
      storageState: signedIn,
    });
    signedOutContext = await browser.newContext({ viewport, baseURL: appUrl() });
  });
  afterAll(async () => {
    await signedInContext.close();
    await signedOutContext.close();
  });

  test.each(PAGES)(
    'when $name is shown, then nothing is wider than the window, no header, badge or short word is broken inside, and each radio button sits beside its label',
    async (layoutPage) => {
      const context = layoutPage.signedIn ? signedInContext : signedOutContext;
      const page = await context.newPage();
      if (layoutPage.arrive) await layoutPage.arrive(page, layoutPage.path());
      else await page.goto(layoutPage.path());
      await page.locator(layoutPage.shows).first().waitFor();
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${layoutPage.name}-${viewport.width}.png`),
        fullPage: true,
      });

      const layout = await page.evaluate(measureLayout);

      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.tooWide).toEqual([]);
      expect(layout.brokenWords).toEqual([]);
      expect(layout.strayControls).toEqual([]);
      await page.close();
    },
  );
});

describe('a name with a right-to-left override', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({
      viewport: WIDTHS[1],
      baseURL: appUrl(),
      storageState: signedIn,
    });
  });
  afterAll(async () => {
    await context.close();
  });

  test('when its delete confirmation is shown, then "Delete" and "?" stay on either side, and the last name stays after the first', async () => {
    const page = await context.newPage();
    await page.goto(`${overriddenCard}/delete`);
    const heading = page.getByRole('heading', { level: 1 });

    expect(await heading.textContent()).toBe(`Delete ${overriddenName}?`);
    expect(await heading.locator('bdi').allTextContents()).toEqual(nameParts);
    expect(await heading.evaluate(visualOrder)).toEqual({
      firstWordLeftmost: true,
      lastCharacterRightmost: true,
    });
    expect(await heading.evaluate(partsLeftToRight)).toBe(true);
    expect(await page.title()).toBe(`Delete ${isolatedTitle}? · Contact Card`);
    await page.close();
  });

  test('when its card is shown, then the heading and the window title isolate each part of the name', async () => {
    const page = await context.newPage();
    await page.goto(overriddenCard);
    const heading = page.getByRole('heading', { level: 1 });

    expect(await heading.textContent()).toBe(overriddenName);
    expect(await heading.locator('bdi').allTextContents()).toEqual(nameParts);
    expect(await heading.evaluate(partsLeftToRight)).toBe(true);
    expect(await page.title()).toBe(`${isolatedTitle} · Contact Card`);
    await page.close();
  });

  test('when the list shows it, then its Name cell isolates each part and the last name is not reversed', async () => {
    const page = await context.newPage();
    await page.goto(`/contacts?q=${encodeURIComponent(overridden.lastname)}`);
    const link = page.getByRole('rowheader').getByRole('link');

    expect(await link.textContent()).toBe(overriddenName);
    expect(await link.locator('bdi').allTextContents()).toEqual(nameParts);
    expect(await link.evaluate(partsLeftToRight)).toBe(true);
    await page.close();
  });
});

/** A long account name no account has: the form comes back offering to create it. */
async function arriveAtNewAccountChoice(page: Page, newForm: string) {
  await page.goto(newForm);
  await page.getByLabel('Last name').fill(longName.lastname);
  await page.getByLabel('Account', { exact: true }).fill(`${family}Reederei${longAccount}`);
  await page.getByRole('button', { name: 'Create contact' }).click();
}

/**
 * Both sides change Description to a long unbroken token (a pasted link, say), so the conflict
 * page shows three long values side by side: someone else in another tab saves first.
 */
async function arriveAtConflict(page: Page, card: string) {
  const token = (who: string) => `https://example.com/${who}/${uniqueName('x').repeat(8)}`;
  await page.goto(card);
  const other = await page.context().newPage();
  await other.goto(card);
  await other.getByLabel('Description').fill(token('theirs'));
  await other.getByRole('button', { name: 'Save changes' }).click();
  await other.getByRole('status').waitFor();
  await other.close();
  await page.getByLabel('Description').fill(token('mine'));
  await page.getByRole('button', { name: 'Save changes' }).click();
}

/** Runs in the page: how wide it is, what pokes out of it, and which words broke needlessly. */
function measureLayout() {
  const describe = (element: Element) =>
    `${element.tagName.toLowerCase()}${[...element.classList].map((name) => `.${name}`).join('')}`;
  const clips = (element: Element) => getComputedStyle(element).overflowX !== 'visible';

  // What of an element shows once every ancestor that clips its overflow has cut it.
  const shownBox = (element: Element) => {
    let { left, right, top, bottom } = element.getBoundingClientRect();
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (!clips(up)) continue;
      const box = up.getBoundingClientRect();
      left = Math.max(left, box.left);
      right = Math.min(right, box.right);
      top = Math.max(top, box.top);
      bottom = Math.min(bottom, box.bottom);
    }
    return { left, right, shown: right - left > 1 && bottom - top > 1 };
  };

  // The outermost elements reaching past the window's right edge, and any box that scrolls
  // sideways inside the page: either way a reader has to scroll to see it.
  const tooWide: string[] = [];
  const flagged = new Set<Element>();
  for (const element of document.body.querySelectorAll('*')) {
    const box = shownBox(element);
    if (box.shown && box.right > window.innerWidth + 0.5) {
      flagged.add(element);
      if (!element.parentElement || !flagged.has(element.parentElement)) {
        tooWide.push(`${describe(element)} reaches ${Math.round(box.right)} px`);
      }
    }
    const style = getComputedStyle(element);
    const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
    if (box.shown && scrolls && element.scrollWidth > element.clientWidth + 1) {
      tooWide.push(`${describe(element)} scrolls sideways (${element.scrollWidth} px of content)`);
    }
  }

  // The width a line in this text's block can have. A table cell's column can grow to its
  // table's container, so that is a cell's room, not the width the table happened to give it.
  const BLOCKS = new Set(['block', 'flow-root', 'list-item', 'flex', 'grid']);
  const roomFor = (from: Element) => {
    let block: Element = from;
    while (!BLOCKS.has(getComputedStyle(block).display) && block.parentElement) {
      block = block.parentElement;
    }
    const style = getComputedStyle(block);
    return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };

  // A Range over one word has one client rect per line the word spans: rects at more than one
  // height mean the browser broke the word inside. That is right only for a word wider than its
  // line can ever be; an email or a message (.long-value) may always break, to fit the page.
  // A hyphen ends a word here, as a line may rightly break after one ("2026-12-" / "03").
  const brokenWords: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const holder = node.parentElement;
    if (!holder?.closest('th, td, .badge, .tag') || holder.closest('.long-value')) continue;
    for (const word of (node.textContent ?? '').matchAll(/[^\s-]+-*/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const lines = new Set(rects.map((rect) => Math.round(rect.top)));
      const width = rects.reduce((sum, rect) => sum + rect.width, 0);
      if (lines.size > 1 && width <= roomFor(holder)) {
        brokenWords.push(`${describe(holder)}: "${word[0]}" on ${lines.size} lines`);
      }
    }
  }

  // A radio button or checkbox belongs on the line of its label, before it: one stretched to the
  // width of a text field sits alone above its label, and which label it goes with is unclear.
  const strayControls: string[] = [];
  for (const control of document.querySelectorAll('input[type="radio"], input[type="checkbox"]')) {
    const box = control.getBoundingClientRect();
    const label = control.id
      ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`)
      : null;
    const line = label?.getClientRects()[0];
    if (!line || box.width === 0) continue;
    const beside = box.top < line.bottom && box.bottom > line.top && box.right <= line.left + 0.5;
    if (!beside) strayControls.push(`#${control.id} is not beside its label`);
  }

  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    tooWide,
    brokenWords,
    strayControls,
  };
}

/** Runs in the page: whether a heading's first word and last character sit at its two ends. */
/** Whether each <bdi> of a name starts right of where the one before it ends, as it reads. */
function partsLeftToRight(element: Element) {
  const boxes = Array.from(element.querySelectorAll('bdi'), (bdi) => bdi.getBoundingClientRect());
  return boxes.every((box, i) => i === 0 || box.left >= (boxes[i - 1]?.right ?? 0) - 0.5);
}

function visualOrder(heading: Element) {
  const text = heading.textContent;
  const firstWord = text.indexOf(' ');
  // Ranges by character offset over the heading's text, across its elements.
  const rangeOver = (start: number, end: number) => {
    const range = document.createRange();
    let offset = 0;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (start >= offset && start <= offset + length) range.setStart(node, start - offset);
      if (end >= offset && end <= offset + length) range.setEnd(node, end - offset);
      offset += length;
    }
    return range.getBoundingClientRect();
  };
  const first = rangeOver(0, firstWord);
  const rest = rangeOver(firstWord + 1, text.length - 1);
  const last = rangeOver(text.length - 1, text.length);
  return {
    firstWordLeftmost: first.right <= rest.left + 0.5,
    lastCharacterRightmost: last.left >= rest.right - 0.5,
  };
}
