import type TestAgent from 'supertest/lib/agent';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { decodeHtml } from '../support/contacts';
import { startTestApp, type TestApp } from '../support/testApp';
import { insertAsApp, insertFromSalesforce, installEmulator } from '../emulator/harness';

/** The page's sentence about Salesforce's duplicate rule, as text, with its link. */
function refusalIn(html: string): { text: string; href: string | null } | null {
  const paragraph = /<p class="duplicate-refusal">([\s\S]*?)<\/p>/.exec(html)?.[1];
  if (paragraph === undefined) return null;
  return {
    text: decodeHtml(paragraph.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
    href: /<a href="([^"]+)"/.exec(paragraph)?.[1] ?? null,
  };
}

/**
 * The emulator refuses a contact whose last name holds DUPLICATE with Salesforce's
 * DUPLICATES_DETECTED (emulator/failureRules.ts); its likely twin here shares its email.
 */
describe("a write refused by Salesforce's duplicate rule", () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let agent: TestAgent;
  let twin: { id: number; sfid: string };
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    agent = await t.signedInAgent();
    twin = await insertFromSalesforce(t.db, {
      firstname: 'Tess',
      lastname: 'Original',
      email: 'tess@example.com',
    });
    await insertAsApp(t.db, {
      firstname: 'Tess',
      lastname: 'DUPLICATE Original',
      email: 'Tess@Example.com',
      external_contact_id__c: 'refusedbyduplicaterule0001',
    });
    await emulator.processOnce();
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  const SENTENCE =
    "Salesforce's duplicate rule refused this contact: it matches Tess Original (tess@example.com).";

  test('when its card is opened, then it says so in those words and links to the likely twin', async () => {
    const card = await agent.get('/contacts/refusedbyduplicaterule0001');

    expect(card.status).toBe(200);
    expect(refusalIn(card.text)).toEqual({ text: SENTENCE, href: `/contacts/${twin.sfid}` });
  });

  test('when the failed writes are listed, then its row says so in those words and links to the likely twin', async () => {
    const page = await agent.get('/sync/failed');

    expect(page.status).toBe(200);
    expect(refusalIn(page.text)).toEqual({ text: SENTENCE, href: `/contacts/${twin.sfid}` });
    expect(page.text).toContain('DUPLICATES_DETECTED');
  });
});
