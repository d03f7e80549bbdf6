import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Process types as Heroku reads them: `<type>: <command>`, one a line. */
export function readProcfile(appDir) {
  const types = {};
  for (const line of readFileSync(path.join(appDir, 'Procfile'), 'utf8').split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+?)\s*$/.exec(line);
    if (match) types[match[1]] = match[2];
  }
  return types;
}
