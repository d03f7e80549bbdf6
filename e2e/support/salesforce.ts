import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sampleUserByKey, type SampleSalesforceUser } from '../../src/loginEmulator/sampleUsers';
import { appUrl, freshPage } from './browser';
import { exclusively } from './exclusive';
import { mouseUser, type User } from './users';

/** The login emulator's sample users (src/loginEmulator/sampleUsers.ts), by the key it lists. */
export type SampleUserKey = 'admin' | 'editor' | 'viewer' | 'nobody' | 'other-org';

export function sampleUser(key: SampleUserKey): SampleSalesforceUser {
  const user = sampleUserByKey(key);
  if (!user) throw new Error(`the login emulator has no sample user "${key}"`);
  return user;
}

/**
 * From the app's sign-in page: follows "Sign in with Salesforce", chooses the sample user on the
 * login emulator's page, and waits until the browser is back on the app and the page it was
 * sent to (the one asked for, or a refusal) has loaded.
 */
export async function signInWithSalesforce(
  page: Page,
  key: SampleUserKey,
  user: User = mouseUser(page),
): Promise<void> {
  const { name } = sampleUser(key);
  const app = new URL(appUrl()).origin;
  await user.activate(page.getByRole('link', { name: 'Sign in with Salesforce' }));
  await page.waitForURL((url) => url.origin !== app);
  await user.activate(page.getByRole('button', { name: `${name} — ${key}`, exact: true }));
  await page.waitForURL((url) => url.origin === app);
  await page.waitForLoadState();
}

export interface SalesforceSession {
  context: BrowserContext;
  page: Page;
}

export interface SignInOptions {
  /** Where the sign-in page is asked to go next; the contacts by default. */
  path?: string;
  /** Who works the sign-in pages; a mouse by default. */
  userOn?: (page: Page) => User;
}

/**
 * Signs in as the sample user `key` through Salesforce in a fresh context, runs `work` on the page
 * it landed on, and closes the context. Throughout, it holds the sample user's lock:
 * "Sign out everywhere" ends every session a user has, so no other test may be signed in as
 * them then. Nest calls in one order only, the user signed out everywhere outermost.
 */
export async function asSampleUser<T>(
  browser: Browser,
  key: SampleUserKey,
  work: (session: SalesforceSession) => Promise<T>,
  { path = '/contacts', userOn = mouseUser }: SignInOptions = {},
): Promise<T> {
  return exclusively(`sample-user-${key}`, async () => {
    const session = await freshPage(browser, `/signin?next=${encodeURIComponent(path)}`);
    try {
      await signInWithSalesforce(session.page, key, userOn(session.page));
      return await work(session);
    } finally {
      await session.context.close();
    }
  });
}
