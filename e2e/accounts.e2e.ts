import type { Browser, Page } from 'playwright-core';
import { launchChromium, pathOf } from './support/browser';
import { uniqueName } from './support/contacts';
import { definitionOf } from './support/definitionList';
import { asSampleUser, sampleUser } from './support/salesforce';
import { cardBadge, reloadUntil } from './support/sync';
import { mouseUser } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** A value in the card's header, such as its Account or Owner, by its label. */
function identifier(page: Page, label: string) {
  return definitionOf(page.locator('dl.identifiers'), label);
}

/** One column of a contacts table (by its data-label), row by row. */
function column(page: Page, label: string): Promise<string[]> {
  return page.locator(`table.contacts tbody [data-label="${label}"]`).allInnerTexts();
}

const SALESFORCE_ACCOUNT_PATH = /^\/accounts\/001\w{15}$/;

test('when the sample editor creates a contact at a new account, then both reach Salesforce, the account lists the contact, the list filters by it, and "My contacts" shows it as theirs', async () => {
  const editor = sampleUser('editor').name;
  const lastname = uniqueName('Chandler');
  const fullName = `Ottilie ${lastname}`;
  const accountName = `Quayside ${uniqueName('Provisions')}`;
  await asSampleUser(
    browser,
    'editor',
    async ({ page }) => {
      const user = mouseUser(page);
      expect(pathOf(page)).toBe('/contacts/new');

      // No account has the name: the form comes back offering to create one.
      await user.fillIn(page.getByLabel('First name'), 'Ottilie');
      await user.fillIn(page.getByLabel('Last name'), lastname);
      await user.fillIn(page.getByLabel('Account', { exact: true }), accountName);
      await user.follow(page.getByRole('button', { name: 'Create contact' }));
      expect(pathOf(page)).toBe('/contacts');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('New contact');
      expect(await page.locator('#field-account-error').textContent()).toBe(
        `No account is named “${accountName}”. Check the name, or choose to create a new account.`,
      );
      const choices = page.getByRole('group', { name: 'Which account?' });
      expect(await choices.getByRole('radio').count()).toBe(1);
      await user.choose(choices.getByLabel(`Create a new account named “${accountName}”`));
      await user.follow(page.getByRole('button', { name: 'Create contact' }));

      // Both wait for Connect: the contact points at the account by its External ID.
      expect(page.url()).toMatch(/\/contacts\/[0-9a-f]{32}$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(fullName);
      expect(await cardBadge(page).textContent()).toBe('PENDING');
      const account = identifier(page, 'Account');
      expect(await account.textContent()).toBe(`${accountName} (waiting for Salesforce)`);
      expect(await account.getByRole('link').textContent()).toBe(accountName);
      expect(await identifier(page, 'Owner').textContent()).toBe(editor);

      await reloadUntil(
        page,
        'the contact INSERTED at an account with a Salesforce ID',
        async () =>
          (await cardBadge(page).textContent()) === 'INSERTED' &&
          SALESFORCE_ACCOUNT_PATH.test(
            (await account.getByRole('link').getAttribute('href')) ?? '',
          ),
      );
      expect(page.url()).toMatch(/\/contacts\/003\w{15}$/);
      expect(await account.textContent()).not.toContain('waiting for Salesforce');
      expect(await identifier(page, 'Owner').textContent()).toBe(editor);

      // The account's page lists the contact.
      await user.follow(account.getByRole('link', { name: accountName }));
      expect(pathOf(page)).toMatch(SALESFORCE_ACCOUNT_PATH);
      const accountPath = pathOf(page);
      const accountKey = accountPath.slice('/accounts/'.length);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(accountName);
      expect(await page.locator('.sync-line .badge').textContent()).toBe('INSERTED');
      expect(await page.locator('dl.identifiers dd').first().textContent()).toBe(accountKey);
      expect(await page.locator('#contact-count').textContent()).toBe('1 contact');
      expect(await column(page, 'Name')).toEqual([fullName]);
      expect(await column(page, 'Sync')).toEqual(['INSERTED']);

      // The list narrowed to the account shows exactly that contact, and links back.
      await page.goto(`/contacts?account=${accountKey}`);
      expect(await page.locator('#match-count').textContent()).toBe(
        `1 contact at ${accountName} · Show all`,
      );
      expect(
        await page
          .locator('#match-count')
          .getByRole('link', { name: accountName })
          .getAttribute('href'),
      ).toBe(accountPath);
      expect(await column(page, 'Name')).toEqual([fullName]);
      expect(await column(page, 'Account')).toEqual([accountName]);
      expect(await column(page, 'Owner')).toEqual([editor]);

      // "My contacts": only the editor's, the new one among them.
      await page.goto('/contacts');
      const ownerNav = page.getByRole('navigation', { name: 'Owner' });
      const allContacts = ownerNav.getByRole('link', { name: 'All contacts' });
      expect(await allContacts.getAttribute('aria-current')).toBe('page');
      const everyone = await column(page, 'Owner');
      expect(new Set(everyone).size).toBeGreaterThan(1);
      const totalAll = await shownTotal(page);

      await user.follow(ownerNav.getByRole('link', { name: 'My contacts' }));
      expect(pathOf(page)).toContain('owner=me');
      expect(
        await ownerNav.getByRole('link', { name: 'My contacts' }).getAttribute('aria-current'),
      ).toBe('page');
      expect(await allContacts.getAttribute('aria-current')).toBeNull();
      expect(await page.locator('#match-count').textContent()).toMatch(
        /^[\d,]+ contacts owned by you · Show all$/,
      );
      const mine = await column(page, 'Owner');
      expect(mine.length).toBeGreaterThan(1);
      expect(new Set(mine)).toEqual(new Set([editor]));
      expect(await shownTotal(page)).toBeLessThan(totalAll);

      // Searching keeps to the editor's contacts: the new one is there.
      await user.fillIn(page.getByLabel('Search name, email, phone or title'), lastname);
      await user.follow(page.getByRole('button', { name: 'Search' }));
      expect(pathOf(page)).toContain('owner=me');
      expect(await page.locator('#match-count').textContent()).toBe(
        `1 contact owned by you matching “${lastname}” · Show all`,
      );
      expect(await column(page, 'Name')).toEqual([fullName]);
      expect(await column(page, 'Account')).toEqual([accountName]);
      expect(await column(page, 'Owner')).toEqual([editor]);
    },
    { path: '/contacts/new' },
  );
});

/** The number of contacts the list's summary says match, such as 1,000 in "1,000 contacts". */
async function shownTotal(page: Page): Promise<number> {
  const summary = (await page.locator('#match-count').textContent()) ?? '';
  const total = /^([\d,]+)/.exec(summary)?.[1];
  if (!total) throw new Error(`the list's summary names no count: "${summary}"`);
  return Number(total.replaceAll(',', ''));
}
