import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, found upwards from the compiled bench wherever it lands. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}
