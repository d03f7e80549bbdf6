import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { configVars, readAppJson } from './appJson.mjs';
import { BOOT_TIMEOUT_MS, startWebDyno, stopWebDyno } from './dyno.mjs';
import { expect } from './failure.mjs';
import { csrfTokenIn, visitor } from './http.mjs';
import { freePort } from './ports.mjs';
import { exitWithin, run, start } from './processes.mjs';

const POSTDEPLOY_TIMEOUT_MS = 300_000;
// The emulator sends a write about 2 s after it is made; a busy machine may take longer.
const SYNC_TIMEOUT_MS = 30_000;
const REFUSAL = /Demo mode \(CONTACT_CARD_DEMO\) refused: Heroku Connect is present/;

/**
 * The config vars of a pull request's review app: a deployed app's (`dynoEnv`) with app.json's
 * root `env` overridden by `environments.review.env`. Nobody types a password for a review app.
 */
export function reviewAppEnv(appDir, dynoEnv) {
  const appJson = readAppJson(appDir);
  const review = appJson.environments?.review;
  expect(review, 'app.json has no environments.review for review apps');
  const platform = Object.entries(dynoEnv).filter(([name]) => name !== 'APP_PASSWORD');
  return {
    ...Object.fromEntries(platform),
    ...configVars(appJson.env, review.env),
    DATABASE_URL: dynoEnv.DATABASE_URL,
  };
}

/** app.json's review `postdeploy` script exactly as written, as Heroku runs it once. */
export async function runPostdeploy(appDir, env, label) {
  const script = readAppJson(appDir).environments?.review?.scripts?.postdeploy;
  expect(script, 'app.json environments.review has no postdeploy script');
  const proc = await run('bash', ['-c', script], {
    cwd: appDir,
    env: { ...env, DYNO: 'run.1' },
    label,
    timeoutMs: POSTDEPLOY_TIMEOUT_MS,
  });
  return /Seeded \d+ sample contacts/.exec(proc.output())?.[0] ?? 'exited 0';
}

/**
 * The review app as a reviewer meets it: the web command as written, the "Demo data" banner
 * with the password on the sign-in page, a new contact that the emulator in the web process
 * takes from PENDING to INSERTED, and a clean exit on SIGTERM.
 */
export async function checkReviewWeb({ appDir, command, env, root }) {
  const { dyno, base } = await startWebDyno({ appDir, command, env, label: 'review web' });
  const reviewer = visitor(base);
  const signin = await reviewer.get('/signin');
  const password = /Sign in with the password <code>([^<]+)<\/code>/.exec(signin.body)?.[1];
  expect(password, 'the review app’s sign-in page shows no demo banner with the password', dyno);
  const signedIn = await reviewer.post('/signin', {
    _csrf: csrfTokenIn(signin.body),
    password,
    next: '/contacts',
  });
  expect(signedIn.status === 303, `signing in answered ${signedIn.status}`, dyno);
  const list = await reviewer.get('/contacts');
  expect(
    list.status === 200 && list.body.includes('Demo data.') && /\d contacts/.test(list.body),
    `the contact list (${list.status}) shows no demo banner or no sample contacts`,
    dyno,
  );
  const form = await reviewer.get('/contacts/new');
  const created = await reviewer.post('/contacts', {
    _csrf: csrfTokenIn(form.body),
    // The form's one-time token, which makes posting it twice create one contact.
    _submission: /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
    firstname: 'Rita',
    lastname: 'Reviewer',
  });
  expect(created.status === 303, `creating a contact answered ${created.status}`, dyno);
  const state = await syncStateOf(reviewer, created.headers.get('location'), 'INSERTED');
  expect(state === 'INSERTED', `the new contact stayed ${state}, never INSERTED`, dyno);

  return `a new contact reached INSERTED; ${await stopWebDyno(dyno, root)}`;
}

/** Reloads a card, as a person waiting on Connect would, until its badge reads `wanted`. */
async function syncStateOf(reviewer, cardPath, wanted) {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  let state = 'no card';
  while (Date.now() < deadline) {
    const card = await reviewer.get(cardPath);
    // Once Salesforce has given it an id, the card moves to its sfid URL.
    const page = card.status === 302 ? await reviewer.get(card.headers.get('location')) : card;
    state = /class="badge badge-[a-z]+">([A-Z]+)</.exec(page.body)?.[1] ?? state;
    if (state === wanted) return state;
    await sleep(300);
  }
  return state;
}

/** Makes a database look like one Heroku Connect serves: its `_hcmeta` table. */
export async function addConnectMetadata(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('CREATE SCHEMA salesforce');
    await client.query('CREATE TABLE salesforce._hcmeta (id serial PRIMARY KEY, hcver integer)');
  } finally {
    await client.end();
  }
}

/** Demo mode on a Connect database: postdeploy and web must both exit non-zero, saying why. */
export async function checkDemoRefusal({ appDir, command, env }) {
  const script = readAppJson(appDir).environments.review.scripts.postdeploy;
  for (const [label, line] of [
    ['postdeploy on Connect', script],
    ['web on Connect', command],
  ]) {
    const proc = start('bash', ['-c', line], {
      cwd: appDir,
      env: { ...env, PORT: String(await freePort()) },
      label,
    });
    const result = await exitWithin(proc, BOOT_TIMEOUT_MS);
    expect(result !== 'timeout', `${label} kept running instead of refusing`, proc);
    expect(result.code !== 0, `${label} exited 0 instead of refusing`, proc);
    expect(REFUSAL.test(proc.output()), `${label} did not say why it refused`, proc);
  }
  return 'postdeploy and web both exited non-zero with the refusal';
}
