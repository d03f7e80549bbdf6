import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, signedInPage } from './support/browser';
import { arrangeContact, uniqueName } from './support/contacts';
import { SCREENSHOTS } from './support/pageStates';

let browser: Browser;
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

test('when a card is printed, then only the contact shows: no header, navigation, footer or buttons', async () => {
  const lastname = uniqueName('Printwell');
  const card = await arrangeContact({ firstname: 'Ines', lastname, title: 'Archivist' });
  const { context, page } = await signedInPage(browser, card);

  await page.emulateMedia({ media: 'print' });
  const shown = async (selector: string) => page.locator(selector).first().isVisible();

  expect(await shown('.site-header')).toBe(false);
  expect(await shown('nav')).toBe(false);
  expect(await shown('.site-footer')).toBe(false);
  expect(await shown('.breadcrumb')).toBe(false);
  expect(await page.getByRole('link', { name: 'Download vCard' }).isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Save changes' }).isVisible()).toBe(false);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Ines ${lastname}`);
  expect(await page.getByLabel('Title').isVisible()).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'card-print.png'), fullPage: true });
  await page.pdf({ path: path.join(SCREENSHOTS, 'card-print.pdf'), format: 'A4' });
  await context.close();
});
