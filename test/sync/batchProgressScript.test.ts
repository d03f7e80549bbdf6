import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import type TestAgent from 'supertest/lib/agent';
import { PUBLIC_DIR } from '../../src/paths';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { insertFromSalesforce, installEmulator } from '../emulator/harness';
import { seedBatch } from '../support/batches';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

interface Cell {
  dataset: { count: string };
  textContent: string;
}

/**
 * The page's script run against the page as served and the app's real JSON: the browser is
 * reduced to what the script touches (its region, the count cells, timers, fetch and reload),
 * and its timer is fired by the test, so nothing waits on the clock.
 */
class ScriptBrowser {
  readonly cells: Cell[];
  readonly timers: { run: () => unknown; ms: number }[] = [];
  reloads = 0;
  private readonly context: vm.Context;

  constructor(html: string, agent: TestAgent) {
    const region = /<div id="batch-progress"[^>]*data-progress="([^"]+)" data-done="(\w+)">/.exec(
      html,
    );
    this.cells = Array.from(html.matchAll(/<dd data-count="(\w+)">(\d+)<\/dd>/g), (match) => ({
      dataset: { count: match[1] ?? '' },
      textContent: match[2] ?? '',
    }));
    const element = region && {
      dataset: { progress: region[1], done: region[2] },
      querySelectorAll: () => this.cells,
    };
    this.context = vm.createContext({
      document: { getElementById: (id: string) => (id === 'batch-progress' ? element : null) },
      window: {
        setTimeout: (run: () => unknown, ms: number) => this.timers.push({ run, ms }),
        location: { reload: () => (this.reloads += 1) },
      },
      fetch: async (url: string) => {
        const res = await agent.get(url).set('Accept', 'application/json');
        return { ok: res.status === 200, json: () => Promise.resolve(res.body as unknown) };
      },
    });
  }

  run(script: string): void {
    vm.runInContext(script, this.context);
  }

  /** Fires the one pending timer, as the browser would after its delay, and waits for the poll. */
  async tick(): Promise<void> {
    const timer = this.timers.shift();
    if (!timer) throw new Error('the script set no timer');
    await timer.run();
  }

  counts(): Record<string, number> {
    return Object.fromEntries(
      this.cells.map((cell) => [cell.dataset.count, Number(cell.textContent)]),
    );
  }
}

describe("the batch page's script", () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let editor: TestAgent;
  let script: string;
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    editor = t.agentSignedInAs(TEST_USERS.editor);
    script = await readFile(path.join(PUBLIC_DIR, 'batchProgress.js'), 'utf8');
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  async function pendingBatch(): Promise<string> {
    const contacts = [await insertFromSalesforce(t.db), await insertFromSalesforce(t.db)];
    const { id } = await seedBatch(t.db, {
      kind: 'edit',
      user: TEST_USERS.editor,
      changes: [{ field: 'title', label: 'Title', to: 'Polled' }],
      items: contacts.map((contact) => ({ contact, outcome: 'written', set: { title: 'Polled' } })),
    });
    return id;
  }

  test('when rows are still waiting, then it polls every 2 seconds, updates the counts as they are sent, and reloads once when done', async () => {
    const id = await pendingBatch();
    const page = await editor.get(`/sync/batches/${id}`);
    const browser = new ScriptBrowser(page.text, editor);

    browser.run(script);
    await browser.tick();

    expect(browser.counts()).toEqual({ pending: 2, sent: 0, synced: 0, failed: 0 });
    expect(browser.timers.map((timer) => timer.ms)).toEqual([2000]);
    expect(browser.reloads).toBe(0);

    await emulator.processOnce();
    await browser.tick();

    expect(browser.counts()).toEqual({ pending: 0, sent: 0, synced: 2, failed: 0 });
    expect(browser.reloads).toBe(1);
    expect(browser.timers).toEqual([]);
  });

  test('when the batch is done, then the page does not load the script, and the script would not poll', async () => {
    const id = await pendingBatch();
    await emulator.processOnce();
    const page = await editor.get(`/sync/batches/${id}`);
    const browser = new ScriptBrowser(page.text, editor);

    browser.run(script);

    expect(page.text).not.toContain('<script');
    expect(page.text).toContain('data-done="true"');
    expect(browser.timers).toEqual([]);
  });
});
