import { text } from 'node:stream/consumers';
import type { Browser, Download } from 'playwright-core';
import { launchChromium, signedInPage } from './support/browser';
import { arrangeContact, uniqueName } from './support/contacts';
import { USERS } from './support/users';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

// The browser runs in another process, so the file is read through Playwright, not from disk.
async function textOf(download: Download): Promise<string> {
  return text(await download.createReadStream());
}

describe.each(USERS)('downloading a vCard %s', (_how, userOn) => {
  test('when the card is downloaded, then a .vcf file named after the contact holds the contact', async () => {
    const lastname = uniqueName('Carddeck');
    const card = await arrangeContact({
      firstname: 'Saoirse',
      lastname,
      email: `saoirse.${lastname.toLowerCase()}@example.com`,
    });
    const { context, page } = await signedInPage(browser, card);
    const user = userOn(page);

    const download = page.waitForEvent('download');
    await user.activate(page.getByRole('link', { name: 'Download vCard' }));
    const file = await download;
    const vcard = await textOf(file);

    expect(file.suggestedFilename()).toBe(`Saoirse ${lastname}.vcf`);
    expect(vcard).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(vcard).toContain(`FN:Saoirse ${lastname}\r\n`);
    expect(vcard).toMatch(
      new RegExp(`EMAIL[^:]*:saoirse\\.${lastname.toLowerCase()}@example\\.com\r\n`),
    );
    const response = await context.request.get(new URL(file.url()).pathname);
    expect(response.headers()['content-type']).toBe('text/vcard; charset=utf-8');
    await context.close();
  });
});
