import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../src/dev/freePort';
import { childrenOf, spawnGroup, type ProcessGroup } from './processes';

const START_TIMEOUT_MS = 60_000;
// Indexing a million contacts takes minutes; anything past this is stuck.
const RELEASE_TIMEOUT_MS = 30 * 60_000;

export interface AppSettings {
  root: string;
  databaseUrl: string;
  workers: number;
  sessionSecret: string;
  /** Where the app listens: chosen first, since the login emulator must know its callback. */
  port: number;
  /** More config vars, such as those of "Sign in with Salesforce". */
  configVars: Record<string, string>;
}

/** The environment of a Heroku dyno running this app: production, with its config vars. */
function productionEnv(settings: AppSettings, extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    SESSION_SECRET: settings.sessionSecret,
    ...settings.configVars,
    ...extra,
  };
}

/** Runs the Procfile's release command, exactly as Heroku would before booting the dynos. */
export async function runRelease(settings: AppSettings): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(settings.root, 'dist', 'release.js')],
    {
      cwd: settings.root,
      env: productionEnv(settings, { LOG_LEVEL: 'info' }),
      timeout: RELEASE_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    },
  );
  return stdout;
}

export interface RunningApp {
  url: string;
  group: ProcessGroup;
  logFile: string;
  /** The processes that serve requests: the workers, or the one process without a cluster. */
  webPids(): Promise<number[]>;
}

/** Starts `node dist/server.js` and resolves once every worker is listening. */
export async function startApp(settings: AppSettings): Promise<RunningApp> {
  const { port } = settings;
  const logFile = path.join(settings.root, '.data', 'bench-app.log');
  const group = spawnGroup([path.join(settings.root, 'dist', 'server.js')], {
    cwd: settings.root,
    env: productionEnv(settings, { PORT: String(port), WEB_CONCURRENCY: String(settings.workers) }),
    logFile,
  });
  const app: RunningApp = {
    url: `http://127.0.0.1:${port}`,
    group,
    logFile,
    webPids: async () => (settings.workers > 1 ? childrenOf(group.pid) : [group.pid]),
  };
  await until(`${settings.workers} listening workers (see ${logFile})`, group, async () => {
    const log = await readFile(logFile, 'utf8');
    return log.split('is listening').length - 1 >= settings.workers;
  });
  return app;
}

export interface RunningWorker {
  group: ProcessGroup;
  logFile: string;
}

/**
 * Starts the Procfile's worker, `node dist/worker.js`, with the web process's config vars, as
 * Heroku runs a worker dyno beside the web one; resolves once it takes jobs.
 */
export async function startWorker(settings: AppSettings): Promise<RunningWorker> {
  const logFile = path.join(settings.root, '.data', 'bench-worker.log');
  const group = spawnGroup([path.join(settings.root, 'dist', 'worker.js')], {
    cwd: settings.root,
    env: productionEnv(settings),
    logFile,
  });
  await until(`the worker (see ${logFile})`, group, async () =>
    (await readFile(logFile, 'utf8')).includes('The worker is taking import jobs'),
  );
  return { group, logFile };
}

/**
 * The same-work server (sameWork/server.ts) with the app's environment: its database, session
 * secret, sign-in settings and worker count, on a port of its own.
 */
export async function startSameWork(settings: AppSettings): Promise<RunningServer> {
  const port = await freePort();
  const logFile = path.join(settings.root, '.data', 'bench-same-work.log');
  const group = spawnGroup([path.join(__dirname, 'sameWork', 'server.js')], {
    cwd: settings.root,
    env: productionEnv(settings, { PORT: String(port), WEB_CONCURRENCY: String(settings.workers) }),
    logFile,
  });
  await until(`the same-work server (see ${logFile})`, group, async () => {
    const log = await readFile(logFile, 'utf8');
    return log.split('listening').length - 1 >= settings.workers;
  });
  return { url: `http://127.0.0.1:${port}`, group, logFile };
}

export interface RunningServer {
  url: string;
  group: ProcessGroup;
  logFile: string;
}

/** A bare node:http server (one process per worker, like the app) sending a fixed body. */
export async function startBaseline(
  root: string,
  bodyFile: string,
  workers: number,
): Promise<RunningServer> {
  const port = await freePort();
  const logFile = path.join(root, '.data', 'bench-baseline.log');
  const group = spawnGroup(
    [path.join(__dirname, 'baselineServer.js'), String(port), bodyFile, String(workers)],
    { cwd: root, env: { PATH: process.env.PATH }, logFile },
  );
  await until('the baseline server', group, async () => {
    const log = await readFile(logFile, 'utf8');
    return log.split('listening').length - 1 >= workers;
  });
  return { url: `http://127.0.0.1:${port}`, group, logFile };
}

async function until(what: string, group: ProcessGroup, ready: () => Promise<boolean>) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!group.running()) throw new Error(`${what}: the process exited`);
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
