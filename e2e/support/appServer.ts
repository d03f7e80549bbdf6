import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { buildApp } from '../../test/support/buildApp';
import { createContact, signedInSession } from './httpSession';
import { startGroup, waitUntil, type GroupLeader } from './processGroup';
import { freePort } from '../../src/dev/freePort';

export interface RunningApp {
  baseUrl: string;
  password: string;
  /** Who sends writes to "Salesforce": the app's own emulator, or `npm run emulator` started here. */
  emulator: 'app' | 'command';
  stop(): Promise<void>;
}

const PASSWORD = 'e2e password';
export const LOG_DIR = path.join(PROJECT_ROOT, 'artifacts', 'e2e-logs');

/**
 * Builds the app and starts `node dist/devServer.js` (`npm start`) as a developer does, without DATABASE_URL:
 * an embedded PostgreSQL with sample contacts, in a data folder of this run's own. The folder
 * sits under the project because PostgreSQL, run as the `postgres` user when we are root, must
 * be able to enter every parent of it. The build goes outside any dot-folder such as .data/:
 * Express's sendFile refuses paths through one, so the stylesheet would be missing.
 */
export async function startApp(): Promise<RunningApp> {
  const dataDir = path.join(PROJECT_ROOT, '.data', `e2e-${process.pid}`);
  const appDir = path.join(PROJECT_ROOT, 'artifacts', `e2e-build-${process.pid}`);
  const started: GroupLeader[] = [];
  const stop = async () => {
    // The emulator first, then the app, which stops its embedded PostgreSQL.
    for (const leader of started.toReversed()) await leader.stop(20_000);
    await assertNothingLeftIn(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    await rm(appDir, { recursive: true, force: true });
  };
  try {
    await rm(dataDir, { recursive: true, force: true });
    await rm(appDir, { recursive: true, force: true });
    await rm(LOG_DIR, { recursive: true, force: true });
    await mkdir(LOG_DIR, { recursive: true });
    await buildApp(appDir);
    const [port, pgPort] = [await freePort(), await freePort()];
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      // The browser opens 127.0.0.1, so Sign in with Salesforce must come back there.
      APP_URL: `http://127.0.0.1:${port}`,
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      APP_PASSWORD: PASSWORD,
      LOG_LEVEL: 'info',
    };
    const run = (script: string, args: string[], log: string) => {
      const leader = startGroup(script, args, {
        cwd: appDir,
        env,
        logFile: path.join(LOG_DIR, log),
      });
      started.push(leader);
      return leader;
    };
    const server = run('dist/devServer.js', [], 'server.log');
    const listening = await waitUntil(() => server.output().includes('is listening'), 120_000);
    if (!listening) throw new Error(`the app did not start:\n${server.output()}`);

    const baseUrl = `http://127.0.0.1:${port}`;
    if (await emulatorSends(baseUrl, 6_000)) {
      return { baseUrl, password: PASSWORD, emulator: 'app', stop };
    }
    const command = run('dist/emulator/command.js', ['--interval-ms', '250'], 'emulator.log');
    const running = await waitUntil(() => command.output().includes('emulator is running'), 30_000);
    // Only writes made after it installed its triggers are captured, so probe again.
    if (!running || !(await emulatorSends(baseUrl, 30_000))) {
      throw new Error(`the Connect emulator sent nothing:\n${command.output()}`);
    }
    return { baseUrl, password: PASSWORD, emulator: 'command', stop };
  } catch (error) {
    await stop().catch((cleanup: unknown) => {
      console.error('e2e: cleaning up after a failed start also failed:', cleanup);
    });
    throw error;
  }
}

/** Whether a contact created through the app reaches "Salesforce" (gets INSERTED) in time. */
async function emulatorSends(baseUrl: string, timeoutMs: number): Promise<boolean> {
  const session = await signedInSession(baseUrl, PASSWORD);
  const card = await createContact(session, { lastname: 'Emulator probe' });
  return waitUntil(
    async () => (await session.get(card)).text.includes('badge-inserted'),
    timeoutMs,
  );
}

/** PostgreSQL names its data folder on its command line: any process still naming it leaked. */
async function assertNothingLeftIn(dataDir: string): Promise<void> {
  const leftovers: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(dataDir)) leftovers.push(`${pid}: ${commandLine.replace(/\0/g, ' ')}`);
  }
  if (leftovers.length > 0) {
    throw new Error(`processes left running after the app stopped:\n${leftovers.join('\n')}`);
  }
}
