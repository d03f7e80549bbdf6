import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserServer,
  type Page,
} from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium, never a downloaded one; headless, and quiet on the network. */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * The run's one Chromium (started by globalSetup): each test still gets a fresh context of
 * its own, with no cookies or storage from any other.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = process.env.E2E_BROWSER_ENDPOINT;
  if (!endpoint)
    throw new Error('E2E_BROWSER_ENDPOINT is unset: run the suite with `npm run test:e2e`');
  return chromium.connect(endpoint);
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export function appUrl(path = ''): string {
  const base = process.env.E2E_BASE_URL;
  if (!base) throw new Error('E2E_BASE_URL is unset: run the suite with `npm run test:e2e`');
  return `${base}${path}`;
}

export function appPassword(): string {
  return process.env.E2E_APP_PASSWORD ?? '';
}

/** A fresh context (its own cookies and storage) opened on `path`. */
export async function freshPage(
  browser: Browser,
  path: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: appUrl() });
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

/** Signs in through the form, as a person does, and lands on `path` (or where it redirects). */
export async function signedInPage(browser: Browser, path = '/contacts') {
  const opened = await freshPage(browser, `/signin?next=${encodeURIComponent(path)}`);
  await opened.page.locator('#password').fill(appPassword());
  await opened.page.getByRole('button', { name: 'Sign in' }).click();
  await opened.page.waitForURL((url) => url.pathname !== '/signin');
  return opened;
}

/** A signed-in session's cookies, for contexts that start signed in without the form. */
export async function signedInState(browser: Browser): Promise<SignedInState> {
  const session = await signedInPage(browser);
  const state = await session.context.storageState();
  await session.context.close();
  return state;
}

export type SignedInState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Where the page is, as the app's links write it: path and query. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/**
 * The HTTP status of the document the page shows, whichever request brought it (the end of a
 * chain of redirects, or a form's post).
 */
export function shownStatus(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return navigation?.responseStatus ?? 0;
  });
}
