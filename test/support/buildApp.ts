import { execFile } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * Compiles src as `npm run build` does, into `dir` with views, public and migrations linked
 * beside dist:
 * other runs (and a developer's `npm start`) may rebuild dist/ at any moment.
 */
export async function buildApp(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await promisify(execFile)(
    path.join(PROJECT_ROOT, 'node_modules', '.bin', 'swc'),
    ['src', '-d', path.join(dir, 'dist'), '--strip-leading-paths', '--quiet'],
    { cwd: PROJECT_ROOT },
  );
  await symlink(path.join(PROJECT_ROOT, 'views'), path.join(dir, 'views'));
  await symlink(path.join(PROJECT_ROOT, 'public'), path.join(dir, 'public'));
  await symlink(path.join(PROJECT_ROOT, 'migrations'), path.join(dir, 'migrations'));
}
