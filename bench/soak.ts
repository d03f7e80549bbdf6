import { writeFile } from 'node:fs/promises';
import { checkAuditTrail, lastAuditId } from './auditTrailCheck';
import { log, runCommand, startSeededApp, type Cleanups } from './command';
import { pickContested, storedValues } from './contestedContacts';
import { auditEdits } from './editAudit';
import { prepareFixtures } from './fixtures';
import { parseOptions, type OptionDefaults } from './options';
import { runSoakLoad } from './soakLoad';
import { checks, summary, table } from './soakChecks';
import { soakReport } from './soakReport';
import { usersTable } from './soakUserTable';
import { sampleWorkerRss } from './workerMemory';

const SOAK_DEFAULTS: OptionDefaults = {
  command: 'npm run soak',
  about:
    'Runs the production build under racing reads and edits by several Salesforce users, then checks that no saved edit was lost and each has its audit entry.',
  contacts: 10_000,
  durationSeconds: 60,
  connections: 8,
  auditEntries: null,
};
// Few enough shared contacts that clients often save over one another's forms.
const CLIENTS_PER_CONTESTED_CONTACT = 2;
// Memory counts once JIT, caches and the pools have filled; the first seconds only grow.
const MAX_WARM_UP_SECONDS = 10;

/**
 * `npm run soak`: the production build under a mixed load of reads and racing edits over
 * loopback, by clients signed in with Salesforce as several users. Fails on any error or 5xx, on
 * any acknowledged edit missing from the final rows, on a saved edit without exactly one
 * matching audit entry (or an entry of a request that saved nothing), and on worker memory that
 * keeps growing. Leaves no process behind.
 */
async function main(cleanups: Cleanups): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env, SOAK_DEFAULTS);
  const interrupt = new AbortController();
  // Handled, not fatal: the clients stop, then `finally` stops the app and database. The embedded
  // database's own signal hook may exit first; spawnGroup then kills the app on the way out.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => interrupt.abort());
  const { bench, app, login } = await startSeededApp(options, cleanups);

  const fixtures = await prepareFixtures(await login.signIn('editor'), bench.db, {
    contacts: options.contacts,
    editTargets: 0,
  });
  const contested = await pickContested(
    bench.db,
    Math.ceil(options.connections / CLIENTS_PER_CONTESTED_CONTACT),
  );
  const before = await storedValues(bench.db, contested);
  const lastEntry = await lastAuditId(bench.db);

  log(`Soaking for ${options.durationSeconds} s…`);
  const started = Date.now();
  const deadline = started + options.durationSeconds * 1000;
  const rssFrom = Math.min(MAX_WARM_UP_SECONDS, Math.floor(options.durationSeconds / 6));
  const [{ tally, users }, rss] = await Promise.all([
    runSoakLoad(
      {
        login,
        clients: options.connections,
        deadline,
        signal: interrupt.signal,
      },
      {
        cardKeys: fixtures.cardKeys,
        searches: Object.values(fixtures.searches),
        deepPage: fixtures.deepPage,
        contested,
      },
    ),
    sampleWorkerRss(
      () => app.webPids(),
      { from: started + rssFrom * 1000, until: deadline },
      interrupt.signal,
    ),
  ]);
  const elapsedSeconds = (Date.now() - started) / 1000;
  if (interrupt.signal.aborted) {
    log('Interrupted.');
    return 130;
  }

  const audit = auditEdits(before, await storedValues(bench.db, contested), tally.edits);
  const trail = await checkAuditTrail(bench.db, lastEntry, tally.edits, users);
  const report = soakReport({
    options,
    contested: contested.length,
    rssFrom,
    elapsedSeconds,
    tally,
    audit,
    trail,
    rss,
  });
  const rows = checks(report);
  log(`\n${summary(report)}\n\n${usersTable(report.users)}\n\n${table(rows)}`);
  if (options.jsonFile) await writeFile(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  if (rows.every((row) => row.ok)) return 0;
  log(`\nFAILED (app log: ${app.logFile})`);
  report.examples.forEach((example) => log(`  ${example}`));
  return 1;
}

runCommand(main);
