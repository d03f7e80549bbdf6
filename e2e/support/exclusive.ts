import { createHash } from 'node:crypto';
import { mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitUntil } from './processGroup';

const WAIT_FOR_LOCK_MS = 45_000;

/** This run's own lock names: the app's address and the browser's endpoint are unique to it. */
function lockPath(name: string): string {
  const run = createHash('sha256')
    .update(`${process.env.E2E_BASE_URL ?? ''} ${process.env.E2E_BROWSER_ENDPOINT ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return path.join(tmpdir(), `contact-card-e2e-${run}-${name}.lock`);
}

async function tryToTake(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Runs `work` while no other test of this run, in any jest worker, holds `name`. Creating a
 * directory either succeeds or finds it there, in one step, so two workers never both take it.
 */
export async function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
  const lock = lockPath(name);
  if (!(await waitUntil(() => tryToTake(lock), WAIT_FOR_LOCK_MS, 50))) {
    throw new Error(`another test held ${name} for ${WAIT_FOR_LOCK_MS} ms (${lock})`);
  }
  try {
    return await work();
  } finally {
    await rmdir(lock);
  }
}
