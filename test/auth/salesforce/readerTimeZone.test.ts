import type TestAgent from 'supertest/lib/agent';
import type { ConnectEmulator } from '../../../src/emulator/processor';
import { insertFromSalesforce, installEmulator, updateAsApp } from '../../emulator/harness';
import { insertContact, submitCard } from '../../support/contacts';
import { decodeHtml } from '../../support/httpUser';
import { startSalesforceTestApp, type SalesforceTestApp } from '../../support/salesforceTestApp';

/** Every `<time>` in a page section: the instant it stands for and the text a reader sees. */
function timesIn(html: string, sectionClass: string): { iso: string; text: string }[] {
  const section = new RegExp(
    `<section[^>]*class="${sectionClass}"[^>]*>([\\s\\S]*?)</section>`,
  ).exec(html)?.[1];
  if (section === undefined) throw new Error(`the page has no "${sectionClass}" section`);
  return timesInPage(section);
}

function timesInPage(html: string): { iso: string; text: string }[] {
  return [...html.matchAll(/<time datetime="([^"]+)">([^<]*)<\/time>/g)].map(
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
  let emulator: ConnectEmulator;
  beforeAll(async () => {
    t = await startSalesforceTestApp();
    emulator = await installEmulator(t.db, t.url);
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

  test('when the admin in Tokyo opens the failed writes and the signed-in users, then those times are in Tokyo too', async () => {
    const { id } = await insertFromSalesforce(t.db);
    await updateAsApp(t.db, id, { email: `zones${id}@invalid.example` });
    await emulator.processOnce();

    for (const path of ['/sync/failed', '/users']) {
      const times = timesInPage((await inTokyo.get(path)).text);

      expect(times.length).toBeGreaterThan(0);
      for (const { iso, text } of times) {
        // The users page shows minutes, the failed writes seconds.
        const [local = '', zone] = text.split(' Asia/');
        expect(zone).toBe('Tokyo');
        expect(clockIn('Asia/Tokyo', iso).startsWith(local)).toBe(true);
        expect(local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);
      }
    }
  });
});
