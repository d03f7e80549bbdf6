import type { Browser, Page } from 'playwright-core';
import { AUDIT_CSV_COLUMNS } from '../test/support/auditCsv';
import { AUDIT_PAGE_SIZE, auditChanges, auditColumn } from './support/auditPage';
import { downloadedCsv } from './support/downloadedCsv';
import { accessibilityViolations } from './support/axe';
import { launchChromium, pathOf } from './support/browser';
import { arrangeEdit, arrangeSyncedContact, uniqueName } from './support/contacts';
import { definitionOf } from './support/definitionList';
import { asSampleUser, sampleUser } from './support/salesforce';
import { mouseUser } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

function utcDay(): string {
  return new Date().toISOString().slice(0, 10);
}

async function editTitle(page: Page, title: string): Promise<void> {
  const user = mouseUser(page);
  await user.fillIn(page.getByLabel('Title'), title);
  await user.follow(page.getByRole('button', { name: 'Save changes' }));
  expect(await page.getByRole('status').textContent()).toContain('Saved');
}

test('when the admin filters the audit trail by user, action, contact and days, then only matching entries show, and Download CSV holds the same ones', async () => {
  const eddie = sampleUser('editor');
  const card = await arrangeSyncedContact({
    firstname: 'Aud',
    lastname: uniqueName('Trail'),
    title: 'Harbour pilot',
  });
  const key = card.split('/').at(-1) ?? '';
  const firstDay = utcDay();
  await asSampleUser(
    browser,
    'editor',
    async ({ page }) => {
      await editTitle(page, 'Harbour master');
      await editTitle(page, 'Lighthouse keeper');
    },
    { path: card },
  );
  const lastDay = utcDay();

  await asSampleUser(browser, 'admin', async ({ page }) => {
    const user = mouseUser(page);
    const action = page.getByLabel('Action', { exact: true });
    const filter = () => user.follow(page.getByRole('button', { name: 'Filter' }));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await user.follow(nav.getByRole('link', { name: 'Audit' }));
    expect(pathOf(page)).toBe('/audit');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit trail');
    expect(await accessibilityViolations(page)).toEqual([]);

    await user.fillIn(page.getByLabel(/^User/), eddie.preferredUsername);
    await filter();
    const byUser = { who: await auditColumn(page, 'Who'), what: await auditColumn(page, 'Action') };
    await action.selectOption({ label: 'Signed in' });
    await filter();
    const signIns = {
      who: await auditColumn(page, 'Who'),
      what: await auditColumn(page, 'Action'),
    };
    await action.selectOption({ label: 'Edited' });
    await user.fillIn(page.getByLabel(/^Contact/), key);
    await user.fillIn(page.getByLabel(/^From/), firstDay);
    await user.fillIn(page.getByLabel(/^To/), lastDay);
    await filter();

    const eddieWho = `${eddie.name}\n${eddie.preferredUsername}`;
    expect(byUser.who.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byUser.who)).toEqual(new Set([eddieWho]));
    expect(byUser.what).toEqual(expect.arrayContaining(['Edited', 'Signed in']));
    expect(signIns.who.length).toBeGreaterThanOrEqual(1);
    expect(new Set(signIns.who)).toEqual(new Set([eddieWho]));
    expect(new Set(signIns.what)).toEqual(new Set(['Signed in']));
    expect(await auditColumn(page, 'Who')).toEqual([eddieWho, eddieWho]);
    expect(await auditColumn(page, 'Action')).toEqual(['Edited', 'Edited']);
    expect(await auditColumn(page, 'Record')).toEqual([key, key]);
    expect(await auditChanges(page)).toEqual([
      'Title: Harbour master → Lighthouse keeper',
      'Title: Harbour pilot → Harbour master',
    ]);

    const requestIds = await auditColumn(page, 'Request id');
    const downloading = page.waitForEvent('download');
    await user.activate(page.getByRole('link', { name: 'Download CSV' }));
    const download = await downloading;
    const csv = await downloadedCsv(download);

    expect(download.suggestedFilename()).toMatch(/^contact-card-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.byteOrderMark).toBe(true);
    expect(csv.header).toEqual(AUDIT_CSV_COLUMNS);
    expect(csv.rows.map((row) => row.request_id)).toEqual(requestIds);
    const edit = (change: string) => ({
      action: 'edit',
      username: eddie.preferredUsername,
      user_name: eddie.name,
      user_id: eddie.userId,
      contact_key: key,
      sfid: key,
      changes: change,
    });
    expect(csv.rows).toEqual([
      expect.objectContaining(edit('Title: "Harbour master" → "Lighthouse keeper"')),
      expect.objectContaining(edit('Title: "Harbour pilot" → "Harbour master"')),
    ]);
  });
});

test('when more entries match than a page holds, then Older entries leads to the rest and Newest entries back', async () => {
  const card = await arrangeSyncedContact({ firstname: 'Page', lastname: uniqueName('Turner') });
  // With its creation, one entry more than a page holds.
  for (let step = 1; step <= AUDIT_PAGE_SIZE; step += 1) {
    await arrangeEdit(card, { title: `Step ${step}` });
  }

  await asSampleUser(
    browser,
    'admin',
    async ({ page }) => {
      const user = mouseUser(page);
      // By its Salesforce ID, although its creation was recorded before it had one.
      const sfid =
        (await definitionOf(page.locator('dl.identifiers'), 'Salesforce ID').textContent()) ?? '';
      await page.goto(`/audit?contact=${sfid}`);
      const newest = await auditChanges(page);
      await user.follow(page.getByRole('link', { name: 'Older entries' }));
      const older = await auditColumn(page, 'Action');
      const olderPath = pathOf(page);
      await user.follow(page.getByRole('link', { name: 'Newest entries' }));

      expect(newest).toHaveLength(AUDIT_PAGE_SIZE);
      expect(newest[0]).toBe(`Title: Step ${AUDIT_PAGE_SIZE - 1} → Step ${AUDIT_PAGE_SIZE}`);
      expect(newest.at(-1)).toBe('Title:  → Step 1');
      expect(older).toEqual(['Created']);
      expect(olderPath).toMatch(new RegExp(`^/audit\\?contact=${sfid}&before=\\d+$`));
      expect(pathOf(page)).toBe(`/audit?contact=${sfid}`);
      expect(await auditChanges(page)).toEqual(newest);
    },
    { path: card },
  );
});
