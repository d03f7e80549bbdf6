import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function readAppJson(appDir) {
  return JSON.parse(readFileSync(path.join(appDir, 'app.json'), 'utf8'));
}

/**
 * The config vars Heroku gives an app from app.json's `env` entries: their values, and a fresh
 * secret for each `generator: "secret"`. Required ones without a value are left out (a person
 * types those); an entry that is not required drops a value set at a higher level.
 */
export function configVars(...envs) {
  const vars = new Map();
  for (const env of envs) {
    for (const [name, entry] of Object.entries(env ?? {})) {
      if (typeof entry === 'string') vars.set(name, entry);
      else if (typeof entry.value === 'string') vars.set(name, entry.value);
      else if (entry.generator === 'secret') vars.set(name, randomBytes(32).toString('hex'));
      else if (entry.required === false) vars.delete(name);
    }
  }
  return Object.fromEntries(vars);
}
