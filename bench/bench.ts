import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { auditScenarios, prepareAuditFixtures } from './auditScenarios';
import { log, runCommand, startSeededApp, type Cleanups } from './command';
import { groupCpuClock } from './cpuTime';
import { downloadExport, exportLine } from './exportDownload';
import { prepareFixtures } from './fixtures';
import { importCsv, importLine } from './importCsv';
import { massEdit10k, massEditLine } from './massEdit';
import { VIA_HTTPS } from '../test/support/httpUser';
import { runLoad, stopLoad } from './load';
import { parseOptions } from './options';
import { postgresCpuClock } from './postgresCpu';
import { projectRoot } from './projectRoot';
import { failures, pageSizes, table, type BenchReport } from './report';
import { runOwnerScenarios } from './ownerScenarios';
import { runScenarios } from './scenarioRuns';
import { scenarios } from './scenarios';
import { startApp, startBaseline, startSameWork } from './servers';

/**
 * `npm run bench`: seeds a separate database and fills its audit trail, indexes it with the
 * release command, starts the production build, and drives each scenario over loopback: as a
 * Salesforce editor, and the audit pages as an admin. Two baselines run beside it: a bare
 * node:http server sending fixed bytes, and one doing each page's work (the same SQL, the same
 * HTML) without Express or EJS, driven right after the app with each scenario it serves. Then
 * the export and a mass edit run once each, the app is deployed again with
 * CONTACT_VISIBILITY=owner, for the list and search of the editor's own contacts
 * (ownerScenarios.ts), and last, on the app as first deployed, a CSV import written by the
 * Procfile's worker (importCsv.ts). Each
 * server's CPU per request comes from /proc. Exits non-zero if any request failed, and leaves
 * no process behind.
 */
async function main(cleanups: Cleanups): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const root = projectRoot();
  process.once('SIGINT', stopLoad);
  const { bench, settings, app, login, auditEntries } = await startSeededApp(options, cleanups);
  // Started now, to load while the fixtures are prepared; idle until its first scenario.
  const sameWorkStart = startSameWork(settings);
  cleanups.push(async () => {
    await (await sameWorkStart.catch(() => null))?.group.stop();
  });
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
  const postgres = await postgresCpuClock(bench.db, bench.url);
  if (!postgres) log('PostgreSQL is not on this machine: no PG CPU per request');

  const bodyFile = path.join(root, '.data', 'bench-baseline-body.html');
  await writeFile(bodyFile, fixtures.listPage);
  const baselineServer = await startBaseline(root, bodyFile, options.workers);
  cleanups.push(() => baselineServer.group.stop());
  log(`bare baseline: ${Buffer.byteLength(fixtures.listPage)} bytes from node:http`);
  const baseline = await runLoad(baselineServer.url, [{ method: 'GET', path: '/' }], load, {
    server: groupCpuClock(baselineServer.group.pid),
    // It never queries PostgreSQL, whose idle CPU is no cost of its requests.
    postgres: null,
  });
  await baselineServer.group.stop();

  const sameWork = await sameWorkStart;
  const { run, skipped } = scenarios(fixtures, auditScenarios(audit));
  skipped.forEach(log);
  const { results, maxRss } = await runScenarios({
    run,
    twins: () => new Map(scenarios(fixtures).run.map((scenario) => [scenario.name, scenario])),
    app: { ...app, clocks: { server: groupCpuClock(app.group.pid), postgres } },
    sameWork: {
      url: sameWork.url,
      clocks: { server: groupCpuClock(sameWork.group.pid), postgres },
    },
    load,
  });
  await sameWork.group.stop();
  // After the load, so its RSS growth is the download's alone.
  const exportCsv = await downloadExport(app, fixtures.cookie);
  const massEdit = await massEdit10k(app, bench.db, fixtures.cookie);
  const owner = await runOwnerScenarios(app, settings, fixtures, { load, postgres });
  cleanups.push(() => owner.app.group.stop());
  // Last, on the app as first deployed: the bench's removal of the imported contacts (a DELETE
  // and VACUUM) made the trigram search a hundred times slower until a REINDEX (benchmark.md),
  // so no load scenario may follow it.
  await owner.app.group.stop();
  const importApp = await startApp(settings);
  cleanups.push(() => importApp.group.stop());
  const imported = await importCsv(
    importApp,
    settings,
    bench.db,
    fixtures.cookie,
    options.contacts,
  );

  const report: BenchReport = {
    contacts: options.contacts,
    audit_entries: auditEntries ?? 0,
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    workers: options.workers,
    connections: options.connections,
    duration_s: options.durationSeconds,
    baseline,
    scenarios: [...results, ...owner.results],
    rss_mb: { max_worker: Math.round(maxRss) },
    export_csv: exportCsv,
    mass_edit_10k: massEdit,
    import_100k: imported,
  };
  log(
    `\n${options.contacts.toLocaleString('en-US')} contacts · ${(auditEntries ?? 0).toLocaleString('en-US')} audit entries · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
      `Node ${process.version} · ${options.workers} workers · ${options.connections} connections · ${options.durationSeconds} s per scenario\n`,
  );
  log(table(report));
  log(`\n${pageSizes(report)}`);
  log(`\nLargest worker RSS: ${report.rss_mb.max_worker} MB`);
  log(`\n${exportLine(exportCsv)}`);
  log(massEditLine(massEdit));
  log(importLine(imported));
  if (options.jsonFile) await writeFile(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  const failed = failures(report);
  if (failed.length > 0) {
    const logs = `app log: ${app.logFile}, same-work log: ${sameWork.logFile}`;
    log(`\nFAILED (${logs}):\n  ${failed.join('\n  ')}`);
    return 1;
  }
  return 0;
}

runCommand(main);
