import { randomBytes } from 'node:crypto';
import { freePort } from '../src/dev/freePort';
import { prepareAuditEntries } from './auditFill';
import { openBenchDatabase, prepareContacts, seconds, type BenchDatabase } from './benchDatabase';
import { HelpRequested, type BenchOptions } from './options';
import { projectRoot } from './projectRoot';
import { startBenchLogin, type BenchLogin } from './salesforceLogin';
import { runRelease, startApp, type AppSettings, type RunningApp } from './servers';

export type Cleanups = (() => Promise<void>)[];

export const log = (line: string) => {
  console.log(line);
};

/**
 * Runs a load command: `main` pushes a cleanup for everything it starts, and they all run, last
 * first, however `main` ends. Then the process exits with `main`'s code, even if a library left
 * a timer behind, since every process and pool has been stopped by then.
 */
export function runCommand(main: (cleanups: Cleanups) => Promise<number>): void {
  const cleanups: Cleanups = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  };
  main(cleanups)
    .finally(cleanUp)
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        if (error instanceof HelpRequested) {
          console.log(error.message);
          process.exit(0);
        }
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
}

export interface SeededApp {
  bench: BenchDatabase;
  settings: AppSettings;
  app: RunningApp;
  login: BenchLogin;
  /** Entries in the audit trail as the app starts; null when the command left it alone. */
  auditEntries: number | null;
}

/**
 * What every load command starts from: a database seeded with `options.contacts` (and its audit
 * trail at `options.auditEntries`), indexed by the release phase, and the production build
 * serving it, signing people in with Salesforce: the login emulator, on loopback.
 */
export async function startSeededApp(
  options: BenchOptions,
  cleanups: Cleanups,
): Promise<SeededApp> {
  const bench = await openBenchDatabase(options.contacts, options.databaseUrl, log);
  cleanups.push(() => bench.close());
  await prepareContacts(bench, options.contacts, log);
  const auditEntries =
    options.auditEntries === null
      ? null
      : await prepareAuditEntries(bench, options.auditEntries, options.contacts, log);
  const port = await freePort();
  const login = await startBenchLogin(`http://127.0.0.1:${port}`);
  cleanups.push(() => login.close());
  const settings: AppSettings = {
    root: projectRoot(),
    databaseUrl: bench.url,
    workers: options.workers,
    sessionSecret: randomBytes(32).toString('hex'),
    port,
    configVars: login.configVars,
  };
  const released = Date.now();
  await runRelease(settings);
  log(`Release phase (indexes) in ${seconds(released)} s`);
  const app = await startApp(settings);
  cleanups.push(() => app.group.stop());
  return { bench, settings, app, login, auditEntries };
}
