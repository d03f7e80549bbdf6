import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { auditScenarios, prepareAuditFixtures } from './auditScenarios';
import { log, runCommand, startSeededApp, type Cleanups } from './command';
import { prepareFixtures } from './fixtures';
import { VIA_HTTPS } from '../test/support/httpUser';
import { runLoad, stopLoad, type LoadResult } from './load';
import { parseOptions } from './options';
import { rssSampler } from './processes';
import { projectRoot } from './projectRoot';
import { failures, table, type BenchReport } from './report';
import { scenarios } from './scenarios';
import { startBaseline } from './servers';

/**
 * `npm run bench`: seeds a separate database and fills its audit trail, indexes it with the
 * release command, starts the production build, and drives each scenario over loopback next to
 * a bare node:http baseline: as a Salesforce editor, and the audit pages as an admin. Exits
 * non-zero if any request failed, and leaves no process behind.
 */
async function main(cleanups: Cleanups): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const root = projectRoot();
  process.once('SIGINT', stopLoad);
  const { bench, app, login, auditEntries } = await startSeededApp(options, cleanups);
  const fixtures = await prepareFixtures(await login.signIn('editor'), bench.db, {
    contacts: options.contacts,
    editTargets: options.connections * 2,
  });
  const audit = await prepareAuditFixtures(await login.signIn('admin'), bench.db);
  const load = {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    headers: { ...VIA_HTTPS, Cookie: fixtures.cookie },
  };

  const bodyFile = path.join(root, '.data', 'bench-baseline-body.html');
  await writeFile(bodyFile, fixtures.listPage);
  const baselineServer = await startBaseline(root, bodyFile, options.workers);
  cleanups.push(() => baselineServer.group.stop());
  log(`baseline: ${Buffer.byteLength(fixtures.listPage)} bytes from bare node:http`);
  const baseline = await runLoad(baselineServer.url, [{ method: 'GET', path: '/' }], load);
  await baselineServer.group.stop();

  const { run, skipped } = scenarios(fixtures, auditScenarios(audit));
  skipped.forEach(log);
  const results: BenchReport['scenarios'] = [];
  let maxRss = 0;
  for (const scenario of run) {
    log(`${scenario.name}…`);
    const stopSampling = rssSampler(() => app.webPids());
    try {
      const result: LoadResult = await runLoad(app.url, scenario.requests, {
        ...load,
        headers: { ...load.headers, Cookie: scenario.cookie ?? fixtures.cookie },
      });
      results.push({ name: scenario.name, ...result });
    } finally {
      maxRss = Math.max(maxRss, await stopSampling());
    }
  }

  const report: BenchReport = {
    contacts: options.contacts,
    audit_entries: auditEntries ?? 0,
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    baseline: { rps: baseline.rps, p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms },
    scenarios: results,
    rss_mb: { max_worker: Math.round(maxRss) },
  };
  log(
    `\n${options.contacts.toLocaleString('en-US')} contacts · ${(auditEntries ?? 0).toLocaleString('en-US')} audit entries · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
      `Node ${process.version} · ${options.workers} workers · ${options.connections} connections · ${options.durationSeconds} s per scenario\n`,
  );
  log(table(report, baseline));
  log(`\nLargest worker RSS: ${report.rss_mb.max_worker} MB`);
  if (options.jsonFile) await writeFile(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  const failed = failures(report, baseline);
  if (failed.length > 0) {
    log(`\nFAILED (app log: ${app.logFile}):\n  ${failed.join('\n  ')}`);
    return 1;
  }
  return 0;
}

runCommand(main);
