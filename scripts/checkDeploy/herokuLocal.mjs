import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from './failure.mjs';
import { get, parseJson, waitUntilAnswering } from './http.mjs';
import { run, start, stopGroup } from './processes.mjs';
import { expectPortFree, freePort } from './ports.mjs';

// The CLI is not a project dependency: it is installed into the temp folder for this check.
const HEROKU_CLI = 'heroku@11';
const HEROKU_LOCAL_PORT = 5006;
// First start: the app's embedded PostgreSQL runs initdb and seeds sample contacts.
const BOOT_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export async function installHerokuCli(prefix, npmEnv) {
  mkdirSync(prefix, { recursive: true });
  await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', HEROKU_CLI], {
    cwd: prefix,
    env: npmEnv,
    label: 'npm install heroku',
    timeoutMs: 300_000,
  });
  return path.join(prefix, 'node_modules/.bin/heroku');
}

/**
 * `heroku local -f Procfile.dev web` as a developer runs it: the repo's .env.example as .env, no DATABASE_URL,
 * so the app starts its own embedded PostgreSQL. Ctrl-C (SIGINT to the whole process group)
 * must then leave nothing running.
 */
export async function checkHerokuLocal({ appDir, heroku, home, root, nodeBin }) {
  await expectPortFree(HEROKU_LOCAL_PORT, 'heroku local');
  copyFileSync(path.join(appDir, '.env.example'), path.join(appDir, '.env'));
  mkdirSync(home, { recursive: true });
  const env = {
    PATH: `${nodeBin}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    LANG: 'C.UTF-8',
    HEROKU_DISABLE_AUTOUPDATE: '1',
    DISABLE_TELEMETRY: 'true',
    HEROKU_SKIP_ANALYTICS: '1',
    // Not the developer's own embedded cluster port, in case `npm start` is running.
    EMBEDDED_PG_PORT: String(await freePort()),
  };
  const cli = start(heroku, ['local', '-f', 'Procfile.dev', 'web'], {
    cwd: appDir,
    env,
    label: 'heroku local',
  });
  const base = `http://127.0.0.1:${HEROKU_LOCAL_PORT}`;
  await waitUntilAnswering(`${base}/healthz`, {}, cli, BOOT_TIMEOUT_MS);

  const signin = await get(`${base}/signin`);
  expect(
    signin.status === 200 && /name="password"/.test(signin.body),
    `heroku local: GET /signin answered ${signin.status} without the sign-in form`,
    cli,
  );
  const health = await get(`${base}/healthz`);
  expect(
    health.status === 200 && parseJson(health.body)?.status === 'ok',
    `heroku local: the embedded database is not ready: ${health.status} ${health.body}`,
    cli,
  );

  // SIGINT is what Ctrl-C sends.
  const running = await stopGroup(cli, root, {
    signal: 'SIGINT',
    timeoutMs: STOP_TIMEOUT_MS,
    leftoverTimeoutMs: 10_000,
  });
  return `answered on port ${HEROKU_LOCAL_PORT}; ${running} process(es) stopped by Ctrl-C, none left`;
}
