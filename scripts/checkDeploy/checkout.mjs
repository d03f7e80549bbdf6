import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { CheckFailure } from './failure.mjs';

/**
 * Copies what a clean clone would contain: the tracked files plus new files not git-ignored,
 * as they are in the working tree, so the check also covers work that is not committed yet.
 * Nothing ignored (node_modules, dist, .env, .data) comes along.
 */
export function copyCheckout(repoDir, targetDir) {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoDir,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  let copied = 0;
  for (const file of new Set(String(listed).split('\0').filter(Boolean))) {
    const source = path.join(repoDir, file);
    const stat = lstatOrNull(source);
    if (!stat) continue; // deleted in the working tree, so not part of the next commit
    const target = path.join(targetDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else copyFileSync(source, target);
    copied += 1;
  }
  if (copied === 0) throw new CheckFailure(`${repoDir} has no files under git`);
  return copied;
}

/**
 * For checking the check: moves a runtime dependency to devDependencies in the copy only, the
 * mistake a build-and-prune must catch. The lockfile stays as is; `npm ci` accepts that.
 */
export function moveToDevDependencies(appDir, name) {
  const file = path.join(appDir, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const { [name]: version, ...dependencies } = manifest.dependencies ?? {};
  if (!version) throw new CheckFailure(`${name} is not in dependencies`);
  manifest.dependencies = dependencies;
  manifest.devDependencies = { ...manifest.devDependencies, [name]: version };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

function lstatOrNull(file) {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}
