import { log } from './command';
import { groupCpuClock, type CpuClock } from './cpuTime';
import type { Fixtures } from './fixtures';
import { runLoad, type LoadSettings } from './load';
import type { ScenarioReport } from './report';
import type { Scenario } from './scenarios';
import { runRelease, startApp, type AppSettings, type RunningApp } from './servers';

/**
 * The list and search again as CONTACT_VISIBILITY=owner serves them to the fixtures' editor:
 * only the contacts they own, a fifth of the seed (its five active users own contacts in turn),
 * beside the same pages of every contact.
 */
export function ownerScenarios(fixtures: Fixtures): Scenario[] {
  const list = (name: string, query: Record<string, string>): Scenario => {
    const search = new URLSearchParams(query).toString();
    return {
      name: `owner_${name}`,
      requests: [{ method: 'GET', path: search ? `/contacts?${search}` : '/contacts' }],
    };
  };
  return [
    list('list_first', {}),
    list('list_deep', { page: String(fixtures.deepPage) }),
    list('search_broad', { q: fixtures.searches.broad }),
    list('search_rare', { q: fixtures.searches.rare }),
    list('sort_email_desc', { sort: 'email', dir: 'desc' }),
    list('filter_failed', { sync: 'failed' }),
  ];
}

/**
 * Stops `app` and deploys it again with CONTACT_VISIBILITY=owner, as setting the config var
 * would: the release phase builds the owner's indexes, then the app starts on the same port, so
 * the sessions and the login emulator's callback still fit. Then drives ownerScenarios.
 */
export async function runOwnerScenarios(
  app: RunningApp,
  settings: AppSettings,
  fixtures: Fixtures,
  run: { load: LoadSettings; postgres: CpuClock | null },
): Promise<{ app: RunningApp; results: ScenarioReport[] }> {
  await app.group.stop();
  const owner = {
    ...settings,
    configVars: { ...settings.configVars, CONTACT_VISIBILITY: 'owner' },
  };
  await runRelease(owner);
  const ownerApp = await startApp(owner);
  const clocks = { server: groupCpuClock(ownerApp.group.pid), postgres: run.postgres };
  const results: ScenarioReport[] = [];
  for (const scenario of ownerScenarios(fixtures)) {
    log(`${scenario.name}…`);
    const result = await runLoad(ownerApp.url, scenario.requests, run.load, clocks);
    results.push({
      name: scenario.name,
      ...result,
      same_work: null,
      pct_of_same_work: null,
      page: null,
    });
  }
  return { app: ownerApp, results };
}
