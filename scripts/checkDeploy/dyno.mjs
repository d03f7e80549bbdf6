import path from 'node:path';
import { expect } from './failure.mjs';
import { get, parseJson, VIA_HEROKU_ROUTER, waitUntilAnswering } from './http.mjs';
import { freePort } from './ports.mjs';
import { expectNoLeftovers, run, start, stopGroup } from './processes.mjs';

// Heroku's limits: web must bind $PORT within 60 s, and gets SIGKILL 30 s after SIGTERM.
export const BOOT_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;
const RELEASE_TIMEOUT_MS = 120_000;

/**
 * The config vars a deployed app has: from app.json, the Postgres add-on and the platform.
 * `nodeBin` holds the Node the build used (see nodeRuntime.mjs).
 */
const HEALTHZ_TOKEN = 'check-deploy-healthz-token-0123456789abcdef';

export function dynoEnv(appDir, databaseUrl, nodeBin) {
  return {
    // In the order Heroku's Node.js buildpack sets it up.
    PATH: [nodeBin, '/usr/local/bin:/usr/bin:/bin', path.join(appDir, 'node_modules/.bin')].join(
      ':',
    ),
    HOME: appDir,
    LANG: 'C.UTF-8',
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    APP_PASSWORD: 'check-deploy-password',
    SESSION_SECRET: 'check-deploy-session-secret-0123456789abcdef',
    HEALTHZ_TOKEN,
    // As on a Standard-2X dyno, so a cluster of workers has to start and stop too.
    WEB_CONCURRENCY: '2',
  };
}

/** The Procfile's release command, run as Heroku runs it before a release goes live. */
export async function runRelease(appDir, command, env, root, label) {
  const proc = await run('bash', ['-c', command], {
    cwd: appDir,
    env: { ...env, DYNO: 'release.1' },
    label,
    timeoutMs: RELEASE_TIMEOUT_MS,
  });
  await expectNoLeftovers(proc, root, 5_000);
}

/**
 * Starts the Procfile's web command exactly as written, checks what a visitor and an uptime
 * monitor see, then stops it the way Heroku does (SIGTERM to every process in the dyno).
 */
export async function checkWebDyno({ appDir, command, env, root, label, expectedStatus }) {
  const { dyno, base } = await startWebDyno({ appDir, command, env, label });

  const signin = await get(`${base}/signin`, VIA_HEROKU_ROUTER);
  expect(signin.status === 200, `GET /signin answered ${signin.status}`, dyno);
  expect(
    /<form method="post" action="\/signin"/.test(signin.body) &&
      /name="password"/.test(signin.body),
    'GET /signin did not show the sign-in form',
    dyno,
  );
  const plain = await get(`${base}/signin`);
  expect(
    plain.status === 301 && plain.headers.get('location')?.startsWith('https://'),
    `plain http was not redirected to https (${plain.status}): is NODE_ENV=production honoured?`,
    dyno,
  );
  const css = await get(`${base}/assets/app.css`, VIA_HEROKU_ROUTER);
  expect(css.status === 200, `GET /assets/app.css answered ${css.status}`, dyno);
  const anonymous = await get(`${base}/healthz`, VIA_HEROKU_ROUTER);
  expect(
    anonymous.status === 200 && anonymous.body === JSON.stringify({ status: expectedStatus }),
    `GET /healthz without a token did not answer only {"status":"${expectedStatus}"}: ${anonymous.status} ${anonymous.body}`,
    dyno,
  );
  const health = await get(`${base}/healthz`, {
    ...VIA_HEROKU_ROUTER,
    Authorization: `Bearer ${HEALTHZ_TOKEN}`,
  });
  const report = parseJson(health.body);
  expect(
    health.status === 200 && report?.database?.reachable === true,
    `GET /healthz with HEALTHZ_TOKEN did not report a reachable database: ${health.status} ${health.body}`,
    dyno,
  );

  return stopWebDyno(dyno, root);
}

/** Starts the Procfile's web command as written; resolves once it answers through the router. */
export async function startWebDyno({ appDir, command, env, label }) {
  const port = await freePort();
  const dyno = start('bash', ['-c', command], {
    cwd: appDir,
    env: { ...env, PORT: String(port), DYNO: 'web.1' },
    label,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${base}/healthz`, VIA_HEROKU_ROUTER, dyno, BOOT_TIMEOUT_MS);
  return { dyno, base };
}

/** Stops a web dyno as Heroku does (SIGTERM to every process); all must exit 0 in time. */
export async function stopWebDyno(dyno, root) {
  const running = await stopGroup(dyno, root, {
    signal: 'SIGTERM',
    timeoutMs: SHUTDOWN_TIMEOUT_MS,
    exitCode: 0,
    leftoverTimeoutMs: 5_000,
  });
  return `${running} process(es) exited 0 on SIGTERM`;
}
