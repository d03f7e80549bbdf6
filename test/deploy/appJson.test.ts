import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { loadConfig } from '../../src/config';
import { PROJECT_ROOT } from '../../src/paths';
import { startTestApp } from '../support/testApp';

interface EnvEntry {
  description?: string;
  value?: string;
  required?: boolean;
  generator?: string;
}
interface AppJson {
  success_url?: string;
  env?: Record<string, string | EnvEntry>;
  addons?: (string | { plan: string })[];
  [key: string]: unknown;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const appJson = readJson(path.join(PROJECT_ROOT, 'app.json')) as AppJson;
const validate = new Ajv({ allErrors: true }).compile(
  readJson(path.join(__dirname, 'appJson.schema.json')) as object,
);
const envEntries = () => Object.entries(appJson.env ?? {});

describe('app.json', () => {
  test('when validated against Heroku’s app.json format, then it has no errors', () => {
    const valid = validate(appJson);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('when a manifest has mistakes Heroku would reject, then the schema names each one', () => {
    const broken = {
      ...appJson,
      name: 'A name that is longer than thirty',
      sucess_url: '/setup',
      env: { SESSION_SECRET: { description: 'x', generator: 'random' } },
      addons: [42, { as: 'DATABASE' }],
      buildpacks: [{ uri: 'heroku/nodejs' }],
      formation: { web: { quantity: 'one' } },
    };

    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/name',
        '/env/SESSION_SECRET',
        '/addons/0',
        '/addons/1',
        '/buildpacks/0',
        '/formation/web/quantity',
      ]),
    );
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ params: { additionalProperty: 'sucess_url' } }),
    );
  });

  test('when Deploy to Heroku reads it, then the keys the button shows are there', () => {
    expect(Object.keys(appJson)).toEqual(
      expect.arrayContaining(['name', 'description', 'repository', 'success_url', 'env', 'addons']),
    );
  });

  test('when it provisions add-ons, then it asks for today’s Postgres and Connect plans', () => {
    const plans = (appJson.addons ?? []).map((a) => (typeof a === 'string' ? a : a.plan));

    expect(plans.sort()).toEqual(['heroku-postgresql:essential-0', 'herokuconnect:demo']);
  });

  test('when Heroku CI runs the pipeline’s tests, then it gets an in-dyno Postgres, no Connect, and the README’s test command', () => {
    const ci = (appJson.environments as Record<string, AppJson> | undefined)?.test;

    expect(ci?.addons).toEqual(['heroku-postgresql:in-dyno']);
    expect(ci?.scripts).toEqual({ test: 'npm test' });
  });

  test('when a pull request gets a review app, then it is a demo on its own Postgres, with no Connect', () => {
    const review = (appJson.environments as Record<string, AppJson> | undefined)?.review;

    expect(review?.addons).toEqual(['heroku-postgresql:essential-0']);
    expect(review?.env?.CONTACT_CARD_DEMO).toBe('true');
    expect(review?.scripts).toEqual({ postdeploy: 'node dist/demo/postdeploy.js' });
    expect(existsSync(path.join(PROJECT_ROOT, 'src/demo/postdeploy.ts'))).toBe(true);
  });

  test('when a review app gets the config vars app.json gives it, then production config runs the demo with the development password', () => {
    const review = (appJson.environments as Record<string, AppJson> | undefined)?.review;
    // Root config vars with a value, then the review environment's, which override them.
    const env = new Map<string, string>([
      ['DATABASE_URL', 'postgres://user:secret@ec2-203-0-113-1.compute-1.amazonaws.com:5432/d1'],
      ['SESSION_SECRET', randomBytes(32).toString('hex')],
    ]);
    for (const [name, entry] of [...envEntries(), ...Object.entries(review?.env ?? {})]) {
      if (typeof entry === 'string') env.set(name, entry);
      else if (entry.value !== undefined) env.set(name, entry.value);
      else if (entry.required === false) env.delete(name);
    }

    const config = loadConfig(Object.fromEntries(env));

    expect(config).toMatchObject({ isProduction: true, demo: true, usesDevelopmentPassword: true });
  });

  test('when the deploy form lists config vars, then each one explains itself', () => {
    const undescribed = envEntries()
      .filter(([, entry]) => typeof entry !== 'object' || !entry.description)
      .map(([name]) => name);

    expect(envEntries().length).toBeGreaterThan(0);
    expect(undescribed).toEqual([]);
  });

  test('when a secret is needed, then Heroku generates it and asks the admin for the password', () => {
    const env = appJson.env ?? {};

    expect(env.SESSION_SECRET).toMatchObject({ generator: 'secret' });
    const password = env.APP_PASSWORD as EnvEntry;
    expect(password.required).not.toBe(false);
    // A default password in a public manifest would be everybody's password.
    expect(password).not.toHaveProperty('value');
    expect(password).not.toHaveProperty('generator');
  });

  test('when Heroku sets the config vars app.json describes, then production config accepts them', () => {
    const env: Record<string, string> = {
      DATABASE_URL: 'postgres://user:secret@ec2-203-0-113-1.compute-1.amazonaws.com:5432/d1',
    };
    for (const [name, entry] of envEntries()) {
      if (typeof entry === 'string') env[name] = entry;
      // Heroku's secret generator makes 64 hex characters.
      else if (entry.generator === 'secret') env[name] = randomBytes(32).toString('hex');
      else if (entry.value !== undefined) env[name] = entry.value;
      else if (entry.required !== false) env[name] = 'typed by the admin';
    }

    const config = loadConfig({ ...env, NODE_ENV: env.NODE_ENV ?? 'production' });

    expect(config.isProduction).toBe(true);
    expect(config.usesDevelopmentPassword).toBe(false);
  });

  test('when the deploy finishes, then success_url opens without signing in, before Connect is set up', async () => {
    const t = await startTestApp({ withSchema: false });
    try {
      const url = appJson.success_url ?? '';
      expect(url).toMatch(/^\//);

      const res = await t.agent().get(url);

      expect(res.status).toBe(200);
      expect(res.text).toContain('Connect Salesforce to finish setting up');
    } finally {
      await t.close();
    }
  });
});
