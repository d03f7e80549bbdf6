import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Build } from './sharedBuild';

/** Runs the compiled release command (the Procfile's `release`) on a database, as Heroku does. */
export function runRelease(
  build: Build,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [path.join(build.dir, 'dist', 'release.js')], {
    cwd: build.dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      APP_PASSWORD: 'irrelevant to the release',
      SESSION_SECRET: 'release-test-secret-that-is-32-characters-long',
      ...env,
    },
  });
}
