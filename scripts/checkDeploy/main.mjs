/**
 * `npm run check:deploy`: builds a clean copy of the repo the way Heroku's Node.js buildpack
 * does, runs app.json's Heroku CI scripts (the whole test suite) on a fresh database, runs the
 * Procfile's release, web and worker commands against fresh databases on the machine's
 * PostgreSQL (the worker stopped by SIGTERM in the middle of a CSV import),
 * simulates a pull request's review app (app.json `environments.review`: release, postdeploy,
 * the demo's web dyno, and its refusal of a Connect database), and runs
 * `heroku local -f Procfile.dev web` with the real Heroku CLI. It catches a runtime import
 * of a devDependency, a missing build step, a wrong Procfile and an unclean shutdown.
 *
 *   --skip-heroku-ci                    leave out Heroku CI (the whole test suite)
 *   --skip-heroku-local                 leave out `heroku local`
 *   --keep                              leave the temporary folder for inspection
 *   --break move-runtime-dep=<package>  check the check: move <package> to devDependencies
 *                                       in the copy; the run must then fail
 */
import console from 'node:console';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { copyCheckout, moveToDevDependencies } from './checkout.mjs';
import { checkWebDyno, dynoEnv, runRelease } from './dyno.mjs';
import { enginesRange, newestVersion, nodeBinFor } from '../nodeRuntime.mjs';
import { CheckFailure, expect } from './failure.mjs';
import { checkHerokuCi } from './herokuCi.mjs';
import { checkHerokuLocal, installHerokuCli } from './herokuLocal.mjs';
import { checkWorkerDyno } from './worker.mjs';
import { addContactTable, databases } from './postgres.mjs';
import { readProcfile } from './procfile.mjs';
import { killEverythingStarted, run } from './processes.mjs';
import {
  addConnectMetadata,
  checkDemoRefusal,
  checkReviewWeb,
  reviewAppEnv,
  runPostdeploy,
} from './reviewApp.mjs';

const REPO = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL =
  process.env.CHECK_DEPLOY_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { values: options } = parseArgs({
  options: {
    'skip-heroku-ci': { type: 'boolean', default: false },
    'skip-heroku-local': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    break: { type: 'string' },
  },
});

// Heroku builds with NODE_ENV=production and still installs devDependencies for the build.
// Variables from the calling shell or `npm run` (npm_*, DATABASE_URL) must not leak in.
const buildEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(npm_|INIT_CWD$|DATABASE_URL$|NODE_ENV$|PORT$)/i.test(name),
    ),
  ),
  NODE_ENV: 'production',
};

const root = mkdtempSync(path.join(os.tmpdir(), 'contact-card-deploy-'));
// As root, embedded PostgreSQL runs as the OS user `postgres`, which must enter this folder.
chmodSync(root, 0o755);
const appDir = path.join(root, 'app');
const dbs = databases(ADMIN_URL);
let cliRemoval = Promise.resolve();

async function step(name, work) {
  const started = performance.now();
  console.log(`check:deploy: ${name}`);
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const detail = typeof result === 'string' ? `: ${result}` : '';
  console.log(`check:deploy: ✓ ${name} (${seconds.toFixed(1)} s)${detail}`);
  return result;
}

const deploys = [
  {
    name: 'first deploy, before Connect made the table',
    connectMadeTable: false,
    status: 'setup_needed',
  },
  { name: 'Connect has mapped Contact', connectMadeTable: true, status: 'ok' },
];

async function checkDeploy() {
  // Before the long build, so a stopped PostgreSQL fails the check at once.
  let ciDatabaseUrl;
  const review = {};
  await step('create fresh databases', async () => {
    for (const deploy of deploys) deploy.databaseUrl = await dbs.create();
    if (!options['skip-heroku-ci']) ciDatabaseUrl = await dbs.create();
    review.databaseUrl = await dbs.create();
    review.connectDatabaseUrl = await dbs.create();
  });
  await step('copy the checkout', () => `${copyCheckout(REPO, appDir)} files into ${appDir}`);
  if (options.break) breakOnPurpose(options.break);
  const procfile = readProcfile(appDir);
  expect(procfile.web, 'the Procfile has no web process type');
  expect(procfile.worker, 'the Procfile has no worker process type (CSV imports)');
  // The buildpack installs the newest Node in engines.node and runs the build and dynos on it.
  const nodeBin = await step('Node.js for engines.node', () => {
    const range = enginesRange(path.join(appDir, 'package.json'));
    return nodeBinFor(newestVersion(range));
  });
  buildEnv.PATH = `${nodeBin}:${buildEnv.PATH ?? ''}`;

  // The CLI download is independent of the build, so it runs alongside.
  const cli = options['skip-heroku-local']
    ? null
    : step('install the Heroku CLI', () =>
        installHerokuCli(path.join(root, 'heroku-cli'), buildEnv),
      );
  cli?.catch(() => undefined);

  const npm = (args, timeoutMs) =>
    run('npm', args, { cwd: appDir, env: buildEnv, label: `npm ${args[0]}`, timeoutMs });
  await step('npm ci (with devDependencies)', () =>
    npm(['ci', '--include=dev', '--no-audit', '--no-fund'], 600_000),
  );
  const { scripts = {} } = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  const buildScript = ['heroku-postbuild', 'build'].find((name) => scripts[name]);
  if (buildScript) await step(`npm run ${buildScript}`, () => npm(['run', buildScript], 300_000));

  if (ciDatabaseUrl) {
    await step('Heroku CI: environments.test scripts', () =>
      checkHerokuCi({ appDir, baseEnv: buildEnv, databaseUrl: ciDatabaseUrl }),
    );
  }
  if (cli) {
    const heroku = await cli;
    await step('heroku local web', () =>
      checkHerokuLocal({ appDir, heroku, home: path.join(root, 'home'), root, nodeBin }),
    );
    // The CLI is ~50,000 files: delete it while the production checks run, not after.
    if (!options.keep) cliRemoval = rm(path.join(root, 'heroku-cli'), { recursive: true });
  }

  // Developer and test leftovers must not reach the production checks below.
  for (const file of ['.env', '.data', 'artifacts']) {
    rmSync(path.join(appDir, file), { recursive: true, force: true });
  }
  await step('npm prune --omit=dev', () =>
    npm(['prune', '--omit=dev', '--no-audit', '--no-fund'], 180_000),
  );

  for (const deploy of deploys) {
    const { databaseUrl } = deploy;
    if (deploy.connectMadeTable) await addContactTable(appDir, databaseUrl);
    const env = dynoEnv(appDir, databaseUrl, nodeBin);
    if (procfile.release) {
      await step(`release (${deploy.name})`, () =>
        runRelease(appDir, procfile.release, env, root, 'release'),
      );
    }
    await step(`web (${deploy.name})`, () =>
      checkWebDyno({
        appDir,
        command: procfile.web,
        env,
        root,
        label: 'web',
        expectedStatus: deploy.status,
      }),
    );
    if (deploy.connectMadeTable) {
      await step(`worker (${deploy.name}): SIGTERM in the middle of an import`, () =>
        checkWorkerDyno({ appDir, command: procfile.worker, env, root, databaseUrl }),
      );
    }
  }
  await checkReviewApp(procfile, review, nodeBin);
}

/** A pull request's review app: a demo on its own fresh Postgres, and never on Connect's. */
async function checkReviewApp(procfile, review, nodeBin) {
  const env = reviewAppEnv(appDir, dynoEnv(appDir, review.databaseUrl, nodeBin));
  if (procfile.release) {
    await step('review app: release', () =>
      runRelease(appDir, procfile.release, env, root, 'review release'),
    );
  }
  await step('review app: postdeploy', () => runPostdeploy(appDir, env, 'review postdeploy'));
  await step('review app: web', () => checkReviewWeb({ appDir, command: procfile.web, env, root }));
  await addConnectMetadata(review.connectDatabaseUrl);
  await step('review app: refuses a database where Heroku Connect is present', () =>
    checkDemoRefusal({
      appDir,
      command: procfile.web,
      env: reviewAppEnv(appDir, dynoEnv(appDir, review.connectDatabaseUrl, nodeBin)),
    }),
  );
}

function breakOnPurpose(breakage) {
  const match = /^move-runtime-dep=(.+)$/.exec(breakage);
  if (!match) throw new CheckFailure(`unknown --break ${breakage}; use move-runtime-dep=<package>`);
  moveToDevDependencies(appDir, match[1]);
  console.log(
    `check:deploy:   deliberately broken: ${match[1]} moved to devDependencies in the copy`,
  );
}

async function cleanUp() {
  const started = performance.now();
  killEverythingStarted(root);
  await dbs
    .dropAll()
    .catch((error) => console.error(`check:deploy: dropping databases: ${error.message}`));
  await cliRemoval.catch(() => undefined);
  if (options.keep) console.log(`check:deploy: kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
  console.log(`check:deploy: cleaned up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`check:deploy: ${signal}, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const started = performance.now();
try {
  await checkDeploy();
  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`check:deploy: passed in ${total} s`);
} catch (error) {
  process.exitCode = 1;
  const message = error instanceof CheckFailure ? error.message : (error.stack ?? String(error));
  console.error(`check:deploy: FAILED\n${message}`);
} finally {
  await cleanUp();
}
