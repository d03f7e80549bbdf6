import { log } from './command';
import { measure, runLoad, warmUp, type CpuClocks, type LoadSettings } from './load';
import { rssSampler } from './processes';
import { percentOf, type ScenarioReport } from './report';
import { comparePage } from './sameWork/pageCheck';
import type { Scenario } from './scenarios';

/** A server under load: where it listens and whose CPU its requests are charged. */
export interface Target {
  url: string;
  clocks: CpuClocks;
}

export interface ScenarioRuns {
  /** The app's scenarios, in order. */
  run: Scenario[];
  /**
   * The same scenarios again, with requests of their own for the same-work server: an edit
   * lends each contact to one connection at a time, and a run stopped mid-request never hands
   * some back. Called twice: once for its warm-up, once for its measured runs.
   */
  twins: () => Map<string, Scenario>;
  app: Target & { webPids(): Promise<number[]> };
  sameWork: Target;
  load: LoadSettings;
}

/**
 * Drives each scenario against the app, then, where the same-work server serves it, against
 * that server right after, so both meet the machine in the same state. Before the load, the
 * scenario's page from both is compared. Also returns the largest worker RSS seen in the app.
 *
 * The app gets a warm-up before each scenario. The same-work server gets one at the start, of
 * all its pages at once: its code is the same for every list scenario, and PostgreSQL's caches
 * for each scenario's statements are warm from the app's run just before. That keeps CI's
 * smoke run within half a minute of what it took without this baseline.
 */
export async function runScenarios(runs: ScenarioRuns) {
  const { app, sameWork, load } = runs;
  const twins = runs.twins();
  await warmUp(
    sameWork.url,
    [...runs.twins().values()].filter((s) => s.sameWork).flatMap((s) => s.requests),
    load,
  );
  const results: ScenarioReport[] = [];
  let maxRss = 0;
  for (const scenario of runs.run) {
    log(`${scenario.name}…`);
    const settings = scenario.cookie
      ? { ...load, headers: { ...load.headers, Cookie: scenario.cookie } }
      : load;
    const twin = scenario.sameWork ? twins.get(scenario.name) : undefined;
    const urls = { app: app.url, sameWork: sameWork.url };
    const page = twin ? await comparePage(twin, urls, settings.headers) : null;
    if (page && !page.same_html) log(`  the pages differ: ${page.difference ?? ''}`);
    const stopSampling = rssSampler(() => app.webPids());
    let result;
    try {
      result = await runLoad(app.url, scenario.requests, settings, app.clocks);
    } finally {
      maxRss = Math.max(maxRss, await stopSampling());
    }
    const same = twin
      ? await measure(sameWork.url, twin.requests, settings, sameWork.clocks)
      : null;
    results.push({
      name: scenario.name,
      ...result,
      same_work: same,
      pct_of_same_work: percentOf(result, same),
      page,
    });
  }
  return { results, maxRss };
}
