import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { buildApp } from './buildApp';

/** A compiled app that test files start servers and the release command from; read-only. */
export interface Build {
  dir: string;
}

const BUILDS = path.join(PROJECT_ROOT, '.data', 'test-builds');

/**
 * Compiles src once per run, in globalSetup, before any test file starts: compiling in every
 * file that needs a build competed with the other files for the CPU and could outlast a hook's
 * 30 s. Not dist/: another run's build (or a developer's `npm start`) may empty it at any moment.
 */
export async function makeSharedBuild(runId: string): Promise<string> {
  await removeStaleBuilds();
  const dir = path.join(BUILDS, runId);
  await rm(dir, { recursive: true, force: true });
  await buildApp(dir);
  return dir;
}

/** The run's build, for a test (globalSetup put its folder in TEST_BUILD_DIR). */
export function sharedBuild(): Build {
  const dir = process.env.TEST_BUILD_DIR;
  if (!dir) throw new Error('TEST_BUILD_DIR is set by test/support/globalSetup.ts');
  return { dir };
}

export async function removeSharedBuild(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Builds older than an hour were left by a run that was killed before its teardown. */
async function removeStaleBuilds(): Promise<void> {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of await readdir(BUILDS).catch(() => [])) {
    const dir = path.join(BUILDS, name);
    if ((await stat(dir)).mtimeMs < hourAgo) await rm(dir, { recursive: true, force: true });
  }
}
