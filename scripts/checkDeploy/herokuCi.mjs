import { configVars, readAppJson } from './appJson.mjs';
import { expect } from './failure.mjs';
import { run } from './processes.mjs';

// The whole suite runs here, as it does on a Heroku CI dyno.
const TEST_TIMEOUT_MS = 900_000;
// Heroku CI runs these in this order, each only when app.json names it.
const SCRIPT_ORDER = ['test-setup', 'test'];

/**
 * Heroku CI as a pipeline with CI on runs it: the build with devDependencies (done by the
 * caller), then app.json's `environments.test` scripts exactly as written, from the app's
 * folder, with the test environment's config vars, `CI=true` and a fresh database standing in
 * for the in-dyno Postgres add-on.
 */
export async function checkHerokuCi({ appDir, baseEnv, databaseUrl }) {
  const appJson = readAppJson(appDir);
  const test = appJson.environments?.test;
  expect(test, 'app.json has no environments.test for Heroku CI');
  expect(
    (test.addons ?? []).some(
      (addon) => String(addon.plan ?? addon) === 'heroku-postgresql:in-dyno',
    ),
    'app.json environments.test does not provision heroku-postgresql:in-dyno',
  );
  const scripts = SCRIPT_ORDER.filter((name) => test.scripts?.[name]);
  expect(scripts.includes('test'), 'app.json environments.test has no test script');
  const env = {
    ...baseEnv,
    ...configVars(appJson.env, test.env),
    CI: 'true',
    DATABASE_URL: databaseUrl,
    HOME: appDir,
  };
  let summary = '';
  for (const name of scripts) {
    const proc = await run('bash', ['-c', test.scripts[name]], {
      cwd: appDir,
      env,
      label: `Heroku CI ${name}`,
      timeoutMs: TEST_TIMEOUT_MS,
    });
    summary = /Tests: +(.*)$/m.exec(proc.output())?.[1] ?? summary;
  }
  return `${scripts.join(', then ')}: ${summary || 'exited 0'}`;
}
