import type TestAgent from 'supertest/lib/agent';
import { installEmulator } from '../../emulator/harness';
import { insertContact, submitCard } from '../../support/contacts';
import { decodeHtml } from '../../support/httpUser';
import { startSalesforceTestApp, type SalesforceTestApp } from '../../support/salesforceTestApp';

/** Every `<time>` in a page section: the instant it stands for and the text a reader sees. */
function timesIn(html: string, sectionClass: string): { iso: string; text: string }[] {
  const section = new RegExp(
    `<section[^>]*class="${sectionClass}"[^>]*>([\\s\\S]*?)</section>`,
  ).exec(html)?.[1];
  if (section === undefined) throw new Error(`the page has no "${sectionClass}" section`);
  return [...section.matchAll(/<time datetime="([^"]+)">([^<]*)<\/time>/g)].map(
    ([, iso = '', text = '']) => ({ iso, text: decodeHtml(text) }),
  );
}

/** An instant as a clock in `zone` reads it, by a route apart from the app's formatting. */
function clockIn(zone: string, iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: zone });
}

describe('times in the signed-in reader’s zone', () => {
  let t: SalesforceTestApp;
  let inTokyo: TestAgent;
  let inParis: TestAgent;
  beforeAll(async () => {
    t = await startSalesforceTestApp();
    const emulator = await installEmulator(t.db, t.url);
    await emulator.stop();
    inTokyo = t.browser();
    inParis = t.browser();
    await t.signInAs(inTokyo, 'admin');
    await t.signInAs(inParis, 'editor');
  });
  afterAll(() => t.close());

  test('when the admin in Tokyo and the editor in Paris view one card, then each sees the same write at their own time, with their zone named', async () => {
    await insertContact(t.db, { sfid: '003ZONES000000001A', lastname: 'Hopper' });
    const saved = await submitCard(inParis, '003ZONES000000001A', { title: 'Rear Admiral' });
    expect(saved.status).toBe(303);

    const tokyoCard = (await inTokyo.get('/contacts/003ZONES000000001A')).text;
    const parisCard = (await inParis.get('/contacts/003ZONES000000001A')).text;

    for (const section of ['changed-here', 'sync-history']) {
      const [tokyo] = timesIn(tokyoCard, section);
      const [paris] = timesIn(parisCard, section);
      if (!tokyo || !paris) throw new Error(`no time in the card's ${section} section`);
      expect(tokyo.iso).toBe(paris.iso);
      expect(tokyo.text).toBe(`${clockIn('Asia/Tokyo', tokyo.iso)} Asia/Tokyo`);
      expect(paris.text).toBe(`${clockIn('Europe/Paris', paris.iso)} Europe/Paris`);
      expect(tokyo.text.slice(0, 19)).not.toBe(paris.text.slice(0, 19));
    }
  });
});
